"""The API's settings: environment variables `SIMULACRO_API_*` over the code defaults.

One object, validated by Pydantic at start-up, so a typo in a deployment (a batch limit of
"ten", an unknown environment) stops the service with the variable named instead of
surfacing as a strange behaviour later (questions 18, 40, 76).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "SIMULACRO_API_"


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    app_env: Literal["development", "production"] = "development"
    # Comma-separated in the environment: "https://crm.example.com,https://ops.example.com".
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    max_batch_size: int = Field(1_000, ge=1, le=100_000)
    max_body_bytes: int = Field(2_000_000, ge=1_024, le=100_000_000)
    # A joblib artifact written by `save_model`; unset = train the embedded pipeline on the
    # synthetic data at start-up (deterministic, about a second).
    model_path: Path | None = None
    seed: int = Field(42, ge=0, le=2**32 - 1)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(origin.strip() for origin in value.split(",") if origin.strip())
        return value

    def allowed_origins(self) -> list[str]:
        """Explicit origins in production; any origin in development unless some are set."""
        if self.cors_origins:
            return list(self.cors_origins)
        return [] if self.app_env == "production" else ["*"]
