"""Leadership exercises: decision matrix, incident timeline, tech-debt interest, PR review."""
