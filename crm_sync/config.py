"""The worker's configuration: environment (CRM_SYNC_*), a .env file and a TOML file.

Secrets are `SecretStr`, so they never show up in logs, reprs or `crm-sync check`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, HttpUrl, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_FILE_ENV = "CRM_SYNC_CONFIG"
DEFAULT_CONFIG_FILE = "crm-sync.toml"


class OdooSettings(BaseModel):
    """Where the Odoo is and who the worker logs in as (an integration user with an API key)."""

    url: HttpUrl = HttpUrl("http://localhost:8069")
    database: str = "odoo"
    login: str = "crm-sync"
    api_key: SecretStr = SecretStr("")
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    max_retries: int = Field(5, ge=0, le=20)


class SourceSettings(BaseModel):
    """One place leads or emails come from; `kind` picks the adapter."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    kind: str = Field(min_length=1)
    every_seconds: int = Field(300, ge=10)
    options: dict[str, Any] = Field(default_factory=dict)


class Settings(BaseSettings):
    """All of the worker's settings; environment beats .env beats the TOML file."""

    model_config = SettingsConfigDict(
        env_prefix="CRM_SYNC_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="forbid",
    )

    odoo: OdooSettings = Field(default_factory=OdooSettings)
    sources: list[SourceSettings] = Field(default_factory=list)
    broker_url: SecretStr | None = None
    result_backend_url: str | None = None
    default_phone_region: str = Field("IR", min_length=2, max_length=2)
    batch_size: int = Field(200, ge=1, le=5000)
    email_batch_size: int = Field(50, ge=1, le=1000)
    max_attachment_bytes: int = Field(
        10 * 1024 * 1024, ge=0, description="Larger attachments are sent as metadata only."
    )
    lease_seconds: int = Field(
        300, ge=5, le=86400, description="How long a dead worker keeps a source from others."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get(CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE))
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
            file_secret_settings,
        )

    def source(self, name: str) -> SourceSettings:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise KeyError(f"no source named {name!r} (configured: {known})")
