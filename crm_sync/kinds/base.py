"""The protocol of a record kind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..reasons import Refusal, reasons_of
from ..records import payload_text

if TYPE_CHECKING:
    from ..config import Settings
    from ..sources import Source, Submission


@dataclass
class Batch:
    """A page made ready for Odoo: clean records and dead letters (raw payload + reason)."""

    records: list[dict]
    rejected: list[dict]


class RecordKind:
    """Validation, Odoo's entry point and replay for one kind of record."""

    name = ""
    #: the `crm.sync.source` method that takes a batch of this kind
    method = ""

    def batch_size(self, settings: Settings) -> int:
        raise NotImplementedError

    def validate(self, submissions: list[Submission], settings: Settings, **context) -> Batch:
        raise NotImplementedError

    def replay(self, letters: list[dict], source: Source, settings: Settings) -> Batch:
        """The dead letters marked To Replay, through validation again; each record and
        each letter still refused carries its `dead_letter_id`."""
        raise NotImplementedError


def dead_letter(
    submission: Submission,
    problems: list[Refusal],
    letter_id: int | None = None,
    payload: str | None = None,
) -> dict:
    """What Odoo keeps of a refused record: its id, its payload (by default the raw
    record as JSON) and the reason, as English text (`reason`, the technical detail) and
    as codes with parameters (`reasons`), which Odoo renders in its reader's language."""
    letter = {
        "external_id": str(submission.mapped.get("external_id") or "")[:128] or None,
        "payload": payload if payload is not None else payload_text(submission.raw),
        "reason": "; ".join(str(problem) for problem in problems),
        "reasons": reasons_of(problems),
    }
    if letter_id:
        letter["dead_letter_id"] = letter_id
    return letter


def load_payload(payload: str) -> Any:
    """A dead letter's payload as the source sent it: JSON when it is JSON, else text."""
    try:
        return json.loads(payload)
    except ValueError:
        return payload
