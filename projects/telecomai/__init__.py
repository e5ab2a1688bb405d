"""TelecomAI-Customer-Intelligence: mobile plan recommendation (Basic vs Ultra)."""
