"""Pull -> validate -> push one batch -> advance the cursor, for one source.

The service functions the CLI, the scheduler and the Celery tasks all call. Nothing is
kept here between runs: the cursor, the lease, the run counts and the dead letters are in
Odoo, and the cursor only moves when Odoo has committed the batch it belongs to.

Every batch carries a key derived from what it is (the source, the cursor it was read
after, the ids in it): sent again, after an answer lost on the way back or by the next
run reading the same page, Odoo returns the outcome it stored the first time and counts
nothing twice."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .config import Settings, SourceSettings
from .kinds import Batch, RecordKind, record_kind
from .masking import mask, mask_urls
from .odoo import OdooClient, OdooError
from .records import with_english_notes
from .sources import Page, Source, build_source

_logger = logging.getLogger(__name__)

SOURCE_MODEL = "crm.sync.source"
#: the addon's lead importer, asked what it does with the keys a lead record may carry
LEAD_IMPORT_MODEL = "crm.sync.lead.import"
LEAD_CAPABILITIES = "sync_lead_capabilities"
OLD_ADDON_NOTES = (
    "the crm_sync_connector addon in Odoo predates lead notes: what a form got wrong is "
    "written into the leads' descriptions in English; upgrade the addon to have it in the "
    "readers' language"
)
#: what a run counts; fetched = the sum of the others
OUTCOMES = ("created", "updated", "duplicate", "skipped", "failed")


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class RunReport:
    source: str
    leased: bool = True
    holder: str | None = None
    until: str | None = None
    pages: int = 0
    counts: Counter = field(default_factory=Counter)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def add(self, results: list[dict[str, Any]]) -> None:
        self.counts.update(result["status"] for result in results)
        self.counts["fetched"] += len(results)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "leased": self.leased,
            "holder": self.holder,
            "until": self.until,
            "pages": self.pages,
            "error": self.error,
            "warnings": list(self.warnings),
            **{k: self.counts.get(k, 0) for k in ("fetched", *OUTCOMES)},
        }


def public_configuration(source: SourceSettings) -> str:
    """The source's settings as Odoo may show them to sales managers: secrets are only
    ever named (the `*_env` options), but a secret put in the file all the same (in
    `headers`, a nested option, a URL's query or userinfo) is masked at any depth."""
    return json.dumps(
        {"kind": source.kind, **mask(source.options)},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batch_key(source: str, method: str, cursor: str | None, index: int, batch: Batch) -> str:
    """The same page read after the same cursor gives the same keys, on any retry."""
    ids = [record.get("external_id") or record.get("message_id") for record in batch.records]
    ids += [letter.get("external_id") for letter in batch.rejected]
    text = json.dumps([source, method, cursor or "", index, ids], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Prepared:
    page: Page
    cursor: str | None  # the cursor the page was read after
    batch: Batch


class SourceRun:
    """One leased run over one source."""

    def __init__(
        self,
        settings: Settings,
        source: SourceSettings,
        client: OdooClient,
        worker: str | None = None,
    ) -> None:
        self.settings = settings
        self.source_settings = source
        self.client = client
        # the forwarder keeps one id across its runs, so the lease it held before Odoo
        # went away is still its own when Odoo is back
        self.worker = worker or worker_id()
        self.report = RunReport(source.name)
        self.run_id: int | None = None
        self.cursor: str | None = None
        self.use_gateway = False
        self.adapter: Source | None = None
        self.kind: RecordKind | None = None
        self.renders_notes: bool | None = None  # asked of the addon when first needed

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
            self.report.until = session.get("until") or None
            return self
        self.run_id = session["run_id"]
        self.cursor = session["cursor"] or None
        self.use_gateway = bool(session.get("use_gateway"))
        try:  # built inside the run, so that a wrong option or an unset secret is on it
            self.adapter = build_source(self.source_settings)
            self.kind = record_kind(self.adapter.record_kind)
        except Exception as exc:  # `with` does not call __exit__ when __enter__ fails
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.run_id is None:
            return
        if exc is not None:
            self.report.error = mask_urls(f"{exc_type.__name__}: {exc}")
        try:
            self._end()
        except Exception as close_error:  # the lease expires by itself; the run's error matters
            _logger.error(
                "could not close run %s of %s: %s",
                self.run_id,
                self.report.source,
                mask_urls(str(close_error)),
            )

    def _end(self) -> None:
        """Close the run; its warnings become the run's note in Odoo. An addon too old to
        take notes closes the run without them (the warnings are in the log all the same)."""
        args = (SOURCE_MODEL, "sync_end", self.run_id, self.worker, self.report.error or False)
        if not self.report.warnings:
            self.client.call(*args)
            return
        try:
            self.client.call(*args, warnings=self.report.warnings)
        except OdooError as exc:
            if "warnings" not in str(exc) + exc.debug:
                raise
            self.client.call(*args)

    def prepare(self, cursor: str | None) -> Prepared:
        """Fetch the page after `cursor` and validate it (records for Odoo, dead letters)."""
        page = self.adapter.fetch(cursor)
        batch = self.kind.validate(page.submissions, self.settings, keep_raw=self.use_gateway)
        return Prepared(page, cursor, batch)

    def push(self, prepared: Prepared, store_cursor: bool = True) -> None:
        """One RPC per batch; only the page's last batch carries its cursor and its dead
        letters. Each batch has its key, the same on every retry."""
        self.note(prepared.page.warnings)
        records = prepared.batch.records
        batches = list(chunks(records, self.kind.batch_size(self.settings))) or [[]]
        for index, part in enumerate(batches):
            last = index == len(batches) - 1
            batch = Batch(part, prepared.batch.rejected if last else [])
            cursor = (prepared.page.next_cursor or False) if (last and store_cursor) else None
            self.send(
                batch,
                cursor,
                batch_key(
                    self.source_settings.name, self.kind.method, prepared.cursor, index, batch
                ),
            )
        self.report.pages += 1

    def send(self, batch: Batch, cursor: str | bool | None, key: str) -> None:
        # an empty batch only moves the cursor: nothing in it can be counted twice
        keyed = {"batch_key": key} if batch.records or batch.rejected else {}
        records = batch.records
        if any(record.get("notes") for record in records) and not self.addon_renders_notes():
            records = [with_english_notes(record) for record in records]
        results = self.client.call(
            SOURCE_MODEL,
            self.kind.method,
            self.run_id,
            self.worker,
            records,
            batch.rejected,
            cursor,
            self.settings.lease_seconds,
            **keyed,
        )
        self.report.add(results)

    def addon_renders_notes(self) -> bool:
        """Whether the addon writes a lead record's `notes` (codes) on the lead in its
        readers' language. An addon that predates notes would ignore the key and lose them,
        so the worker asks, once per run and only when a batch has notes; an addon without
        the question (its error names the method or the model) gets them in English in the
        description, as before, and the run says so."""
        if self.renders_notes is None:
            try:
                capabilities = self.client.call(LEAD_IMPORT_MODEL, LEAD_CAPABILITIES)
            except OdooError as exc:
                said = str(exc) + exc.debug
                if LEAD_CAPABILITIES not in said and LEAD_IMPORT_MODEL not in said:
                    raise
                capabilities = {}
            self.renders_notes = bool((capabilities or {}).get("notes"))
            if not self.renders_notes:
                _logger.warning("%s: %s", self.source_settings.name, OLD_ADDON_NOTES)
                self.note([OLD_ADDON_NOTES])
        return self.renders_notes

    def note(self, warnings: list[str]) -> None:
        for warning in warnings:
            if warning not in self.report.warnings:
                self.report.warnings.append(warning)


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
    with SourceRun(settings, source_settings, client) as run:
        if not run.report.leased:
            _logger.info(
                "%s: leased by %s until %s, skipped",
                source_settings.name,
                run.report.holder,
                run.report.until,
            )
            return run.report
        cursor = start_cursor if start_cursor is not None else run.cursor
        # While Odoo stores a page, the next one is fetched and parsed in a second thread.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="crm-sync-fetch") as pool:
            upcoming = pool.submit(run.prepare, cursor)
            while upcoming is not None:
                prepared = upcoming.result()
                enough = max_pages and run.report.pages + 1 >= max_pages
                upcoming = (
                    pool.submit(run.prepare, prepared.page.next_cursor)
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
    """Send the dead letters marked "To Replay" in Odoo through validation again, each
    through the path of its kind of record (a mail's letter is parsed as a mail again)."""
    with SourceRun(settings, source_settings, client) as run:
        if not run.report.leased:
            return run.report
        letters = client.call(SOURCE_MODEL, "sync_dead_letters_to_replay", source_settings.name)
        for kind_name, group in _by_kind(letters, run.adapter.record_kind).items():
            run.kind = record_kind(kind_name)
            batch = run.kind.replay(group, run.adapter, settings)
            ids = sorted(letter["id"] for letter in group)
            key = hashlib.sha256(
                json.dumps(["replay", run.run_id, kind_name, ids]).encode()
            ).hexdigest()
            run.send(batch, None, key)
    return run.report


#: the record kind of each source kind, for letters that name their source's kind
def _letter_kind(letter: dict, default: str) -> str:
    from .sources import KINDS

    kind = letter.get("kind") or default
    if kind in KINDS:
        return KINDS[kind].record_kind
    return kind if kind in ("lead", "email") else default


def _by_kind(letters: list[dict], default: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for letter in letters:
        groups.setdefault(_letter_kind(letter, default), []).append(letter)
    return groups
