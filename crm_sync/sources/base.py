"""The one small protocol every source speaks: fetch the page after a cursor.

A source never changes anything where it reads (nothing marked read, moved or deleted):
the cursor, kept in Odoo, is the only memory of what was taken, so a page fetched twice
is harmless and the bindings in Odoo drop what was already imported.

Each kind declares its options as a pydantic model (`Source.Options`): unknown options,
missing required ones and wrong types are configuration errors that name the source and
the option, raised when the source is built (so `crm-sync check` reports them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..records import content_id
from . import paths

DEFAULT_TIMEOUT = 30.0
#: our fields, which `fields` maps from the provider's
LEAD_FIELDS = (
    "external_id",
    "name",
    "contact_name",
    "partner_name",
    "email",
    "phone",
    "description",
    "medium",
    "campaign",
    "registered_by",
)


class SourceConfigError(ValueError):
    """A source's configuration is wrong; the message says which source and option."""


@dataclass(frozen=True)
class Submission:
    """One record as the source sent it (`raw`, kept for dead letters) and mapped to the
    fields of `records.LeadRecord` (`mapped`)."""

    raw: Any
    mapped: dict[str, Any]


@dataclass(frozen=True)
class Page:
    submissions: list[Submission]
    next_cursor: str | None
    more: bool = False
    #: what the operator should know about this page (logged and noted on the run)
    warnings: list[str] = field(default_factory=list)


def dig(data: Any, path: str | None) -> Any:
    """`dig({"a": {"b": 1}}, "a.b") == 1`; a missing key gives None (see `paths`)."""
    return paths.get(data, path)


class BaseOptions(BaseModel):
    """Options every kind has."""

    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(100, ge=1, le=10000)
    timeout_seconds: float = Field(DEFAULT_TIMEOUT, gt=0, le=600)


class LeadOptions(BaseOptions):
    """Options of the kinds that bring web-form submissions."""

    #: our field -> the provider's path or template (see `paths`)
    fields: dict[str, str] = Field(default_factory=dict)

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        for ours, theirs in value.items():
            if ours not in LEAD_FIELDS:
                raise ValueError(f"{ours!r} is not one of our fields ({', '.join(LEAD_FIELDS)})")
            paths.check(theirs)
        return value


class Source:
    """Base of every adapter: name, options, field mapping and secrets from the environment."""

    kind = "base"
    #: what the records are: "lead" (web forms) or "email" (raw RFC 822 bytes)
    record_kind = "lead"
    #: True for kinds whose provider pushes (webhook): the receiver takes them, no
    #: scheduler pulls them
    pushed: ClassVar[bool] = False
    Options: ClassVar[type[BaseOptions]] = LeadOptions
    #: secrets this kind needs, as `<name>_env` options: always, or when another option says
    required_secrets: ClassVar[tuple[str, ...]] = ()
    #: our field -> path in the source's record; a source overrides it with options["fields"]
    default_fields: ClassVar[dict[str, str]] = {
        "external_id": "id",
        "name": "subject",
        "contact_name": "name",
        "partner_name": "company",
        "email": "email",
        "phone": "phone",
        "description": "message",
        "medium": "medium",
        "campaign": "campaign",
        "registered_by": "registered_by",
    }

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        self.name = name
        self.config = validate_options(name, self.kind, self.Options, options)
        self.options = options
        self.fields = {**self.default_fields, **options.get("fields", {})}
        self.page_size = self.config.page_size
        self.timeout = self.config.timeout_seconds
        for secret in self.needed_secrets():
            self.secret(secret, required=True)

    def needed_secrets(self) -> tuple[str, ...]:
        return self.required_secrets

    def fetch(self, cursor: str | None) -> Page:
        raise NotImplementedError

    def probe(self) -> str | None:
        """For `crm-sync check`: reach the source without changing anything there; what
        was found, or None when this kind is only checked when it runs."""
        return None

    def map(self, raw: Any) -> dict[str, Any]:
        """Our fields from the provider's record; a record without an id (or that is no
        record at all) gets a stable one from its content."""
        mapped = (
            {ours: dig(raw, theirs) for ours, theirs in self.fields.items()}
            if isinstance(raw, dict)
            else {}
        )
        if mapped.get("external_id") in (None, ""):
            mapped["external_id"] = content_id(raw)
        else:
            mapped["external_id"] = str(mapped["external_id"])
        return mapped

    def submission(self, raw: Any) -> Submission:
        return Submission(raw=raw, mapped=self.map(raw))

    def submissions(self, raws: list[Any]) -> list[Submission]:
        return [self.submission(raw) for raw in raws]

    def secret(self, key: str, required: bool = False) -> str | None:
        """A secret named in the options by the environment variable holding it
        (`token_env = "WEBFORMS_TOKEN"`), so that no secret sits in a config file. A named
        variable that is unset or empty is an error naming it, never a silent empty or
        "None" credential."""
        variable = self.options.get(f"{key}_env")
        if not variable:
            if required:
                raise SourceConfigError(
                    f'source "{self.name}": option "{key}_env" is required (the name of the '
                    f"environment variable holding the {key})"
                )
            return None
        value = os.environ.get(variable)
        if not value:
            raise SourceConfigError(
                f'source "{self.name}": the environment variable {variable} ({key}_env) is not set'
            )
        return value


def validate_options(name: str, kind: str, model: type[BaseModel], options: dict) -> BaseModel:
    try:
        return model.model_validate(options)
    except ValidationError as exc:
        raise SourceConfigError(
            "\n".join(_option_error(name, kind, model, error) for error in exc.errors())
        ) from None


def _option_error(name: str, kind: str, model: type[BaseModel], error: dict) -> str:
    option = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f'source "{name}": option "{option}" is required'
    if error["type"] == "extra_forbidden":
        known = ", ".join(sorted(model.model_fields))
        return f'source "{name}": "{option}" is not an option of {kind} (its options: {known})'
    message = error["msg"].removeprefix("Value error, ")
    return f'source "{name}": option "{option}": {message}'
