"""Web-form submissions: validated into `LeadRecord`s, pushed to `sync_push_leads`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..reasons import Refusal
from ..records import InvalidRecord, LeadRecord
from .base import Batch, RecordKind, dead_letter, load_payload

if TYPE_CHECKING:
    from ..config import Settings
    from ..sources import Source, Submission


def not_a_record(raw) -> Refusal:
    shown = str(raw)
    shown = shown if len(shown) <= 80 else shown[:79] + "\u2026"
    kind = type(raw).__name__
    return Refusal(
        "not_a_record",
        f"the submission is not a form record with fields, but {kind}: {shown!r}",
        type=kind,
        shown=shown,
    )


class LeadKind(RecordKind):
    name = "lead"
    method = "sync_push_leads"

    def batch_size(self, settings: Settings) -> int:
        return settings.batch_size

    def validate(self, submissions: list[Submission], settings: Settings, **context) -> Batch:
        batch = Batch([], [])
        for submission in submissions:
            self._take(batch, submission, settings.default_phone_region)
        return batch

    def replay(self, letters: list[dict], source: Source, settings: Settings) -> Batch:
        batch = Batch([], [])
        for letter in letters:
            raw = load_payload(letter["payload"])
            submission = source.submission(raw)
            self._take(batch, submission, settings.default_phone_region, letter["id"])
        return batch

    @staticmethod
    def _take(batch: Batch, submission: Submission, region: str, letter_id=None) -> None:
        if not isinstance(submission.raw, dict):
            batch.rejected.append(
                dead_letter(submission, [not_a_record(submission.raw)], letter_id)
            )
            return
        try:
            record = LeadRecord.from_raw(submission.mapped, region).for_odoo()
        except InvalidRecord as exc:
            batch.rejected.append(dead_letter(submission, exc.problems, letter_id))
            return
        if letter_id:
            record["dead_letter_id"] = letter_id
        batch.records.append(record)
