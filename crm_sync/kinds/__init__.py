"""What a source's records are, and everything that depends on it: how a page is
validated, which batch entry point of Odoo takes it, and how a dead letter is replayed.

One module per record kind; a source names its kind (`Source.record_kind`)."""

from __future__ import annotations

from .base import Batch, RecordKind
from .email import EmailKind
from .lead import LeadKind

RECORD_KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (LeadKind(), EmailKind())}


def record_kind(name: str) -> RecordKind:
    return RECORD_KINDS[name]


__all__ = ["RECORD_KINDS", "Batch", "RecordKind", "record_kind"]
