"""The one small protocol every source speaks: fetch the page after a cursor.

A source never changes anything where it reads (nothing marked read, moved or deleted):
the cursor, kept in Odoo, is the only memory of what was taken, so a page fetched twice
is harmless and the bindings in Odoo drop what was already imported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 30.0


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
    meta: dict[str, Any] = field(default_factory=dict)


def dig(data: Any, path: str | None) -> Any:
    """`dig({"a": {"b": 1}}, "a.b") == 1`; a missing key gives None."""
    if not path:
        return data
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class Source:
    """Base of every adapter: name, options, field mapping and secrets from the environment."""

    kind = "base"
    #: what the records are: "lead" (web forms) or "email" (raw RFC 822 bytes)
    record_kind = "lead"
    #: our field -> path in the source's record; a source overrides it with options["fields"]
    default_fields: dict[str, str] = {
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
        self.options = options
        self.fields = {**self.default_fields, **options.get("fields", {})}
        self.page_size = int(options.get("page_size", 100))
        self.timeout = float(options.get("timeout_seconds", DEFAULT_TIMEOUT))

    def fetch(self, cursor: str | None) -> Page:
        raise NotImplementedError

    def map(self, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            return {}
        mapped = {ours: dig(raw, theirs) for ours, theirs in self.fields.items()}
        if mapped.get("external_id") is not None:
            mapped["external_id"] = str(mapped["external_id"])
        return mapped

    def submissions(self, raws: list[Any]) -> list[Submission]:
        return [Submission(raw=raw, mapped=self.map(raw)) for raw in raws]

    def secret(self, key: str) -> str | None:
        """A secret named in the options by the environment variable holding it
        (`token_env = "WEBFORMS_TOKEN"`), so that no secret sits in a config file."""
        variable = self.options.get(f"{key}_env")
        return os.environ.get(variable) if variable else None
