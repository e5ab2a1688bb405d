"""The BankChurn prediction API (FastAPI): `create_app()`; `python -m simulacro api` runs it."""

from projects.bankchurn.api.app import create_app
from projects.bankchurn.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
