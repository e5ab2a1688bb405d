"""Demos that drive the real BankChurn API in-process (fastapi.testclient)."""
