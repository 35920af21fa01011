"""Pull -> validate -> push one batch -> advance the cursor, for one source.

The service functions the CLI and the Celery tasks both call. Nothing is kept here between
runs: the cursor, the lease, the run counts and the dead letters are in Odoo, and the
cursor only moves when Odoo has committed the batch it belongs to."""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .config import Settings, SourceSettings
from .mails import InvalidMail, parse_mail
from .odoo import OdooClient
from .records import InvalidRecord, LeadRecord, payload_text
from .sources import Page, Source, Submission, build_source

_logger = logging.getLogger(__name__)
SECRET_NAME = re.compile(r"pass|secret|token|key", re.IGNORECASE)

SOURCE_MODEL = "crm.sync.source"


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class RunReport:
    source: str
    leased: bool = True
    holder: str | None = None
    pages: int = 0
    counts: Counter = field(default_factory=Counter)
    error: str | None = None

    def add(self, results: list[dict[str, Any]]) -> None:
        self.counts.update(result["status"] for result in results)
        self.counts["fetched"] += len(results)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "leased": self.leased,
            "holder": self.holder,
            "pages": self.pages,
            "error": self.error,
            **{
                k: self.counts.get(k, 0)
                for k in ("fetched", "created", "updated", "duplicate", "failed")
            },
        }


def validate(submissions: list[Submission], region: str) -> tuple[list[LeadRecord], list[dict]]:
    """Split a page into clean records and dead letters (raw payload + reason)."""
    records, rejected = [], []
    for submission in submissions:
        try:
            records.append(LeadRecord.from_raw(submission.mapped, region))
        except InvalidRecord as exc:
            rejected.append(dead_letter(submission, str(exc)))
    return records, rejected


def validate_mails(
    submissions: list[Submission], max_attachment: int, keep_raw: bool = False
) -> tuple[list[dict], list[dict]]:
    """Parse raw mails; an unreadable one becomes a dead letter with its first 64 KB."""
    mails, rejected = [], []
    while submissions:  # each raw mail is let go as soon as it is parsed
        submission = submissions.pop(0)
        try:
            mails.append(parse_mail(submission.raw, max_attachment, keep_raw))
        except InvalidMail as exc:
            raw = submission.raw[:65536].decode("utf-8", errors="replace")
            rejected.append(dead_letter(Submission(raw, submission.mapped), str(exc)))
    return mails, rejected


def dead_letter(submission: Submission, reason: str, letter_id: int | None = None) -> dict:
    letter = {
        "external_id": str(submission.mapped.get("external_id") or "")[:128] or None,
        "payload": payload_text(submission.raw),
        "reason": reason,
    }
    if letter_id:
        letter["dead_letter_id"] = letter_id
    return letter


def public_configuration(source: SourceSettings) -> str:
    """The source's settings as Odoo may show them: secrets are only ever named (the
    `*_env` options), so nothing secret is in here; values named like secrets are masked
    all the same, in case one was put in the file by mistake."""
    masked = {
        key: ("***" if SECRET_NAME.search(key) and not key.endswith("_env") else value)
        for key, value in source.options.items()
    }
    return json.dumps(
        {"kind": source.kind, **masked}, ensure_ascii=False, sort_keys=True, default=str
    )


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SourceRun:
    """One leased run over one source."""

    def __init__(self, settings: Settings, source: SourceSettings, client: OdooClient) -> None:
        self.settings = settings
        self.source_settings = source
        self.client = client
        self.worker = worker_id()
        self.report = RunReport(source.name)
        self.run_id: int | None = None
        self.use_gateway = False

    def __enter__(self) -> SourceRun:
        session = self.client.call(
            SOURCE_MODEL,
            "sync_begin",
            self.source_settings.name,
            self.source_settings.kind,
            self.worker,
            self.settings.lease_seconds,
            self.source_settings.every_seconds,
            public_configuration(self.source_settings),
        )
        self.report.leased = session["leased"]
        if not session["leased"]:
            self.report.holder = session.get("holder")
            return self
        self.run_id = session["run_id"]
        self.cursor = session["cursor"] or None
        self.use_gateway = bool(session.get("use_gateway"))
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.run_id is None:
            return
        if exc is not None:
            self.report.error = f"{exc_type.__name__}: {exc}"
        try:
            self.client.call(
                SOURCE_MODEL, "sync_end", self.run_id, self.worker, self.report.error or False
            )
        except Exception:  # the lease expires by itself; the error of the run matters more
            _logger.exception("could not close run %s of %s", self.run_id, self.report.source)

    def prepare(self, adapter: Source, cursor: str | None) -> Prepared:
        """Fetch the page after `cursor` and validate it (records for Odoo, dead letters)."""
        page = adapter.fetch(cursor)
        if adapter.record_kind == "email":
            records, rejected = validate_mails(
                page.submissions, self.settings.max_attachment_bytes, self.use_gateway
            )
            return Prepared(
                page, records, rejected, "sync_push_emails", self.settings.email_batch_size
            )
        leads, rejected = validate(page.submissions, self.settings.default_phone_region)
        records = [lead.for_odoo() for lead in leads]
        return Prepared(page, records, rejected, "sync_push_leads", self.settings.batch_size)

    def push(self, prepared: Prepared, store_cursor: bool = True) -> None:
        """One RPC per batch; only the page's last batch carries its cursor."""
        batches = list(chunks(prepared.records, prepared.batch_size)) or [[]]
        for index, batch in enumerate(batches):
            last = index == len(batches) - 1
            results = self.client.call(
                SOURCE_MODEL,
                prepared.method,
                self.run_id,
                self.worker,
                batch,
                prepared.rejected if last else [],
                (prepared.page.next_cursor or False) if (last and store_cursor) else None,
                self.settings.lease_seconds,
            )
            self.report.add(results)
        self.report.pages += 1


@dataclass
class Prepared:
    page: Page
    records: list[dict]
    rejected: list[dict]
    method: str
    batch_size: int


def run_source(
    settings: Settings,
    source_settings: SourceSettings,
    client: OdooClient,
    *,
    max_pages: int | None = None,
    start_cursor: str | None = None,
    store_cursor: bool = True,
    on_page: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Pull every new page of one source into Odoo (or `max_pages` of them)."""
    adapter: Source = build_source(source_settings)
    with SourceRun(settings, source_settings, client) as run:
        if not run.report.leased:
            _logger.info("%s: leased by %s, skipped", source_settings.name, run.report.holder)
            return run.report
        cursor = start_cursor if start_cursor is not None else run.cursor
        # While Odoo stores a page, the next one is fetched and parsed in a second thread.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="crm-sync-fetch") as pool:
            upcoming = pool.submit(run.prepare, adapter, cursor)
            while upcoming is not None:
                prepared = upcoming.result()
                enough = max_pages and run.report.pages + 1 >= max_pages
                upcoming = (
                    pool.submit(run.prepare, adapter, prepared.page.next_cursor)
                    if prepared.page.more and not enough
                    else None
                )
                run.push(prepared, store_cursor=store_cursor)
                if on_page:
                    on_page(run.report)
    return run.report


def replay_source(
    settings: Settings, source_settings: SourceSettings, client: OdooClient
) -> RunReport:
    """Send the dead letters marked "To Replay" in Odoo through validation again."""
    adapter = build_source(source_settings)
    with SourceRun(settings, source_settings, client) as run:
        if not run.report.leased:
            return run.report
        letters = client.call(SOURCE_MODEL, "sync_dead_letters_to_replay", source_settings.name)
        records, rejected = [], []
        for letter in letters:
            raw = _load_payload(letter["payload"])
            submission = Submission(raw=raw, mapped=adapter.map(raw))
            try:
                record = LeadRecord.from_raw(submission.mapped, settings.default_phone_region)
                records.append({**record.for_odoo(), "dead_letter_id": letter["id"]})
            except InvalidRecord as exc:
                rejected.append(dead_letter(submission, str(exc), letter["id"]))
        results = client.call(
            SOURCE_MODEL,
            "sync_push_leads",
            run.run_id,
            run.worker,
            records,
            rejected,
            None,
            settings.lease_seconds,
        )
        run.report.add(results)
    return run.report


def _load_payload(payload: str) -> Any:
    try:
        return json.loads(payload)
    except ValueError:
        return payload
