"""The worker's configuration: environment (CRM_SYNC_*), a .env file and a TOML file.

Secrets are `SecretStr`, so they never show up in logs, reprs or `crm-sync check`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_FILE_ENV = "CRM_SYNC_CONFIG"
DEFAULT_CONFIG_FILE = "crm-sync.toml"
API_KEY_ENV = "CRM_SYNC_ODOO__API_KEY"
#: a folder of secret files, one per setting (e.g. `crm_sync_odoo__api_key`): docker secrets
SECRETS_DIR_ENV = "CRM_SYNC_SECRETS_DIR"


class ConfigFileMissing(FileNotFoundError):
    """The configuration file named by CRM_SYNC_CONFIG (or --config) does not exist."""


class SecretFiles(PydanticBaseSettingsSource):
    """Settings from a folder of files named like the environment variables, lower case
    (`crm_sync_odoo__api_key` holds `odoo.api_key`), as docker and systemd hand secrets
    over; the file's content, without its trailing newline, is the value."""

    PREFIX = "crm_sync_"

    def __init__(self, settings_cls: type[BaseSettings], folder: Path) -> None:
        super().__init__(settings_cls)
        self.folder = folder

    def get_field_value(self, field, field_name):  # the whole tree comes from __call__
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if not self.folder.is_dir():
            return values
        for path in sorted(self.folder.iterdir()):
            name = path.name.lower()
            if not path.is_file() or not name.startswith(self.PREFIX):
                continue
            *parents, leaf = name[len(self.PREFIX) :].split("__")
            node = values
            for parent in parents:
                node = node.setdefault(parent, {})
            node[leaf] = path.read_text(encoding="utf-8").rstrip("\n")
        return values


class OdooSettings(BaseModel):
    """Where the Odoo is and who the worker logs in as (an integration user with an API key)."""

    model_config = ConfigDict(extra="forbid")

    url: HttpUrl = HttpUrl("http://localhost:8069")
    database: str = "odoo"
    login: str = "crm-sync"
    api_key: SecretStr = SecretStr("")
    timeout_seconds: float = Field(30.0, gt=0, le=600)
    max_retries: int = Field(5, ge=0, le=20)


class ReceiverSettings(BaseModel):
    """`crm-sync serve` and `crm-sync forward`: where the receiver listens, the store that
    keeps each delivery before it is answered (a RabbitMQ durable queue per source), and
    how the forwarder batches deliveries on to Odoo."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8088, ge=1, le=65535)
    #: an AMQP URL; it may hold the broker's password, hence secret
    store_url: SecretStr = SecretStr("amqp://guest:guest@127.0.0.1:5672//")
    queue_prefix: str = Field("crm-sync.webhook", min_length=1)
    #: deliveries arriving within this window go to Odoo in one batch
    batch_window_seconds: float = Field(1.0, ge=0, le=60)
    #: the forwarder's run in Odoo is closed (its lease given back) after this long idle
    idle_close_seconds: float = Field(30.0, ge=1, le=3600)


class SourceSettings(BaseModel):
    """One place leads or emails come from; `kind` picks the adapter, whose own model
    checks `options` (unknown, missing and wrong options name the source and the option)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    kind: str = Field(min_length=1)
    every_seconds: int = Field(300, ge=10)
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _kind_and_options(self) -> SourceSettings:
        from .sources import KINDS, validate_options

        adapter = KINDS.get(self.kind)
        if adapter is None:
            raise ValueError(
                f'source "{self.name}": unknown kind "{self.kind}" (valid kinds: '
                f"{', '.join(KINDS)})"
            )
        validate_options(self.name, self.kind, adapter.Options, self.options)
        return self


class Settings(BaseSettings):
    """All of the worker's settings; environment beats .env beats the TOML file."""

    model_config = SettingsConfigDict(
        env_prefix="CRM_SYNC_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="forbid",
    )

    odoo: OdooSettings = Field(default_factory=OdooSettings)
    receiver: ReceiverSettings = Field(default_factory=ReceiverSettings)
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
        named = os.environ.get(CONFIG_FILE_ENV)
        toml_file = Path(named or DEFAULT_CONFIG_FILE)
        if named and not toml_file.is_file():
            raise ConfigFileMissing(
                f"the configuration file {toml_file} (named by {CONFIG_FILE_ENV}) does not exist"
            )
        secrets_dir = os.environ.get(SECRETS_DIR_ENV)
        if secrets_dir:
            file_secret_settings = SecretFiles(settings_cls, Path(secrets_dir))
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            file_secret_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
        )

    def source(self, name: str) -> SourceSettings:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise KeyError(f"no source named {name!r} (configured: {known})")


class ConfigurationInvalid(Exception):
    """The configuration cannot be loaded; the message lists every problem."""


def load_settings() -> Settings:
    """The settings, or ConfigurationInvalid saying every problem in words."""
    try:
        return Settings()
    except ConfigFileMissing as exc:
        raise ConfigurationInvalid(str(exc)) from None
    except ValidationError as exc:
        raise ConfigurationInvalid("\n".join(_problem(error) for error in exc.errors())) from None


def _problem(error: dict) -> str:
    """One validation error in words, without the input (it may hold a secret)."""
    where = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return f'"{where}" is not a setting (misspelt?)'
    if message.startswith("source "):
        return message
    return f"{where}: {message}"
