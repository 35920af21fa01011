"""Raw RFC 822 mails: parsed by `mails.parse_mail`, pushed to `sync_push_emails`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..mails import InvalidMail, parse_mail
from ..sources.base import Submission
from .base import Batch, RecordKind, dead_letter

if TYPE_CHECKING:
    from ..config import Settings
    from ..sources import Source

#: how much of an unreadable mail its dead letter keeps
DEAD_LETTER_BYTES = 65536


class EmailKind(RecordKind):
    name = "email"
    method = "sync_push_emails"

    def batch_size(self, settings: Settings) -> int:
        return settings.email_batch_size

    def validate(
        self, submissions: list[Submission], settings: Settings, *, keep_raw: bool = False, **_
    ) -> Batch:
        batch = Batch([], [])
        while submissions:  # each raw mail is let go as soon as it is parsed
            self._take(batch, submissions.pop(0), settings, keep_raw)
        return batch

    def replay(self, letters: list[dict], source: Source, settings: Settings) -> Batch:
        """A mail's dead letter holds the mail as text: it is parsed again as bytes."""
        batch = Batch([], [])
        for letter in letters:
            raw = _mail_text(letter["payload"]).encode("utf-8")
            submission = Submission(raw=raw, mapped={"external_id": letter.get("external_id")})
            self._take(batch, submission, settings, False, letter["id"])
        return batch

    @staticmethod
    def _take(
        batch: Batch, submission: Submission, settings: Settings, keep_raw: bool, letter_id=None
    ) -> None:
        try:
            mail = parse_mail(submission.raw, settings.max_attachment_bytes, keep_raw)
        except InvalidMail as exc:
            # the mail itself, as text a person can read and fix, and replay can parse
            text = submission.raw[:DEAD_LETTER_BYTES].decode("utf-8", "replace")
            batch.rejected.append(dead_letter(submission, [exc], letter_id, payload=text))
            return
        if letter_id:
            mail["dead_letter_id"] = letter_id
        batch.records.append(mail)


def _mail_text(payload: str) -> str:
    """A letter's mail; letters kept by workers before 0.2 hold it as a JSON string."""
    if payload.startswith('"'):
        try:
            decoded = json.loads(payload)
        except ValueError:
            return payload
        if isinstance(decoded, str):
            return decoded
    return payload
