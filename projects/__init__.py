"""The three embedded mini-projects and the concept functions the demos run."""
