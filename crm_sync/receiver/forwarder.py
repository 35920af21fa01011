"""Stored deliveries on to Odoo: coalesced for a short window into batches, validated and
pushed by the pipeline (the same records, dead letters, batch keys, runs and lease as a
pull), and acknowledged to the broker only after Odoo answered.

Exactly once: Odoo binds each submission by (source, external id), so a delivery sent
twice (a provider's retry, or a message redelivered after the forwarder died between
Odoo's commit and the ack) lands once and is counted as a duplicate. A batch resent after
a lost answer carries the same batch key, so Odoo answers what it stored and counts
nothing twice.

When Odoo is down the batch is tried again, backing off, with the messages still
unacknowledged; the broker keeps every later delivery in the queue meanwhile.

Reconciled: a source with `reconcile_url` is also pulled by its lane, one page per tick
between batches, at the start and then every `reconcile_every_seconds`: rest_json's
adapter (`WebhookSource.pull`) reads the provider's list after the source's cursor in
Odoo, and its pages go into the lane's run, under the lane's lease, as a pull's pages
do (`SourceRun.push`, with their batch keys and the cursor). A submission the webhook
brought already counts as a duplicate; one whose delivery never arrived becomes its lead.
Only the pull moves the cursor: pushed batches carry none."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from kombu import Connection, Consumer
from kombu.message import Message

from ..config import Settings, SourceSettings
from ..kinds import Batch
from ..masking import mask_urls
from ..odoo import OdooClient, OdooUnreachable
from ..pipeline import Prepared, SourceRun, chunks, worker_id
from ..scheduler import Outcome, summary
from ..sources import is_pushed
from ..sources.webhook import WebhookOptions
from .store import DeliveryStore

_logger = logging.getLogger(__name__)
MAX_BACKOFF = 60.0
#: how long a source waits when another worker holds its lease
LEASED_WAIT = 5.0
#: after a failed reconciling pull (the provider's API down), the first wait; it doubles
#: up to the source's reconcile_every_seconds
RECONCILE_RETRY = 10.0


@dataclass
class Waiting:
    arrived: float
    delivery: dict[str, Any]
    message: Message


@dataclass
class Lane:
    """One webhook source's deliveries between the broker and Odoo."""

    settings: Settings
    source: SourceSettings
    client: OdooClient
    worker: str
    pending: list[Waiting] = field(default_factory=list)
    run: SourceRun | None = None
    not_before: float = 0.0
    failures: int = 0
    last_activity: float = field(default_factory=time.monotonic)
    #: the reconciling pull: its period (None: the source has no reconcile_url), when the
    #: next page is due, the cursor within the open run, and its failures in a row
    reconcile_every: float | None = None
    reconcile_due: float = 0.0
    pull_cursor: str | None = None
    pull_failures: int = 0

    def __post_init__(self) -> None:
        options = WebhookOptions.model_validate(self.source.options)
        if options.reconcile_url:
            self.reconcile_every = float(options.reconcile_every_seconds)

    @property
    def batch_size(self) -> int:
        return self.settings.batch_size

    def reconciling_due(self, now: float) -> bool:
        return self.reconcile_every is not None and now >= max(self.reconcile_due, self.not_before)

    def take(self, delivery: dict[str, Any], message: Message) -> None:
        """The consumer's callback: hold the message, unacknowledged, until Odoo has it.
        Its batch window counts from when the receiver stored it, not from now: what
        arrived while the previous batch was in Odoo has waited already (at most a
        window is counted, so a clock apart, or a long queue, only makes it go sooner)."""
        now = time.monotonic()
        waited = 0.0
        received = delivery.get("received")
        if isinstance(received, (int, float)):
            window = self.settings.receiver.batch_window_seconds
            waited = min(max(time.time() - received, 0.0), window)
        self.pending.append(Waiting(now - waited, delivery, message))

    def seconds_to_due(self, now: float) -> float:
        if not self.pending:
            if self.reconcile_every is not None:
                return min(1.0, max(self.reconcile_due - now, self.not_before - now, 0.0))
            return 1.0
        window = self.settings.receiver.batch_window_seconds
        if len(self.pending) >= self.batch_size:
            window = 0.0
        return max(self.not_before - now, self.pending[0].arrived + window - now, 0.0)

    def tick(self, now: float) -> None:
        if self.pending and self.seconds_to_due(now) <= 0:
            self.flush()
        elif self.reconciling_due(now):
            self.reconcile()
        elif (
            self.run is not None
            and not self.pending
            and now - self.last_activity >= self.settings.receiver.idle_close_seconds
        ):
            self.close_run()

    def flush(self) -> None:
        """Push up to a batch of waiting deliveries; ack them once Odoo answered."""
        taken = self.pending[: self.batch_size]
        try:
            run = self.open_run()
            if run is None:
                self.not_before = time.monotonic() + LEASED_WAIT
                return
            self.send(run, [waiting.delivery for waiting in taken])
        except OdooUnreachable as exc:  # the run stays open: Odoo takes it up when back
            self.back_off(exc)
            return
        except Exception as exc:  # Odoo refused: this run ends failed, the next one retries
            self.back_off(exc)
            self.close_run(error=exc)
            return
        for waiting in taken:
            waiting.message.ack()
        del self.pending[: len(taken)]
        self.failures = 0
        self.not_before = 0.0
        self.last_activity = time.monotonic()

    def send(self, run: SourceRun, deliveries: list[dict[str, Any]]) -> None:
        raws = [raw for delivery in deliveries for raw in run.adapter.raws_of(delivery["body"])]
        validated = run.kind.validate(run.adapter.submissions(raws), self.settings)
        ids = sorted(delivery["id"] for delivery in deliveries)
        parts = list(chunks(validated.records, run.kind.batch_size(self.settings))) or [[]]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            batch = Batch(part, validated.rejected if last else [])
            # the key names these deliveries: resent after a lost answer, Odoo answers what
            # it stored; no cursor, a pushed source has none
            run.send(batch, None, push_key(self.source.name, run.kind.method, ids, index))

    def reconcile(self) -> None:
        """One page of the provider's list into the lane's run (the next page is due at
        once while there are more; after the last, in reconcile_every_seconds)."""
        try:
            run = self.open_run()
            if run is None:
                self.reconcile_due = time.monotonic() + LEASED_WAIT
                return
        except OdooUnreachable as exc:
            self.back_off(exc)
            return
        except Exception as exc:
            self.back_off(exc)
            self.close_run(error=exc)
            return
        cursor = self.pull_cursor if self.pull_cursor is not None else run.cursor
        try:
            page = run.adapter.fetch(cursor)
        except Exception as exc:  # the provider's API, not Odoo: the pushes go on
            self.pull_failed(run, exc)
            return
        batch = run.kind.validate(page.submissions, self.settings, keep_raw=run.use_gateway)
        try:
            run.push(Prepared(page, cursor, batch))
        except OdooUnreachable as exc:
            self.back_off(exc)
            return
        except Exception as exc:
            self.back_off(exc)
            self.close_run(error=exc)
            return
        self.pull_cursor = page.next_cursor
        self.pull_failures = 0
        self.failures = 0
        self.last_activity = time.monotonic()
        if page.more:
            self.reconcile_due = 0.0
        else:
            self.reconcile_due = time.monotonic() + self.reconcile_every
            _logger.info(
                "%s: reconciled with the provider's list (cursor %s)", self.source.name, cursor
            )

    def pull_failed(self, run: SourceRun, exc: Exception) -> None:
        self.pull_failures += 1
        delay = min(self.reconcile_every, RECONCILE_RETRY * 2 ** (self.pull_failures - 1))
        self.reconcile_due = time.monotonic() + delay
        said = mask_urls(f"{exc.__class__.__name__}: {exc}")
        _logger.warning(
            "%s: the reconciling pull failed (again in %.0f s): %s", self.source.name, delay, said
        )
        run.note([f"the reconciling pull failed: {said}"])

    def open_run(self) -> SourceRun | None:
        """The run deliveries go into; None while another worker holds the lease."""
        if self.run is None:
            run = SourceRun(self.settings, self.source, self.client, worker=self.worker)
            run.__enter__()
            if not run.report.leased:
                _logger.info(
                    "%s: leased by %s until %s; deliveries wait in the queue",
                    self.source.name,
                    run.report.holder,
                    run.report.until,
                )
                return None
            self.run = run
        return self.run

    def close_run(self, error: Exception | None = None) -> None:
        """End the run in Odoo and give the lease back; a run Odoo cannot be told about
        stays ours, and the next batch goes on in it."""
        run = self.run
        if run is None:
            return
        if error is not None:
            run.report.error = mask_urls(f"{error.__class__.__name__}: {error}")
        try:
            run._end()
        except Exception as exc:
            _logger.warning("%s: run %s not closed yet: %s", self.source.name, run.run_id, exc)
            return
        self.run = None
        self.pull_cursor = None  # the next run reads it from Odoo
        print(summary(Outcome(self.source.name, report=run.report)), flush=True)

    def back_off(self, exc: Exception) -> None:
        self.failures += 1
        delay = min(MAX_BACKOFF, 2.0 ** (self.failures - 1))
        self.not_before = time.monotonic() + delay
        _logger.warning(
            "%s: %s deliveries wait (try %s, again in %.0f s): %s",
            self.source.name,
            len(self.pending),
            self.failures,
            delay,
            mask_urls(f"{exc.__class__.__name__}: {exc}"),
        )

    def forget_unacknowledged(self) -> None:
        """After the broker connection broke: its unacknowledged messages go back to the
        queue by themselves and come again on the next connection."""
        self.pending.clear()


def push_key(source: str, method: str, delivery_ids: list[str], index: int) -> str:
    text = json.dumps(["push", source, method, delivery_ids, index])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Forwarder:
    """Consumes every webhook source's queue in one thread, one lane per source."""

    def __init__(self, settings: Settings, store: DeliveryStore) -> None:
        self.settings = settings
        self.store = store
        client = OdooClient(settings.odoo)
        worker = worker_id()
        self.lanes = [
            Lane(settings, source, client, worker)
            for source in settings.sources
            if is_pushed(source)
        ]

    def forever(self, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                with self.store.connect() as connection:
                    connection.ensure_connection(max_retries=1)
                    failures = 0
                    self.consume(connection, stop)
            except Exception as exc:  # the broker went away: reconnect, backing off
                failures += 1
                for lane in self.lanes:
                    lane.forget_unacknowledged()
                _logger.warning(
                    "forwarder: store %s: %s; reconnecting",
                    self.store.shown_url,
                    mask_urls(f"{exc.__class__.__name__}: {exc}"),
                )
                stop.wait(min(MAX_BACKOFF, 2.0**failures))
        for lane in self.lanes:
            lane.close_run()

    def consume(self, connection: Connection, stop: threading.Event) -> None:
        channel = connection.channel()
        consumers = [
            Consumer(
                channel,
                queues=[self.store.queue(lane.source.name)],
                callbacks=[lane.take],
                accept=["json"],
                prefetch_count=lane.batch_size,
            )
            for lane in self.lanes
        ]
        for consumer in consumers:
            consumer.consume()
        _logger.info(
            "forwarder: forwarding %s from %s",
            ", ".join(lane.source.name for lane in self.lanes),
            self.store.shown_url,
        )
        while not stop.is_set():
            now = time.monotonic()
            wait = min([lane.seconds_to_due(now) for lane in self.lanes] + [1.0])
            with contextlib.suppress(TimeoutError):  # nothing arrived: time to tick
                connection.drain_events(timeout=max(wait, 0.01))
            now = time.monotonic()
            for lane in self.lanes:
                lane.tick(now)


def forward_forever(settings: Settings) -> int:
    """`crm-sync forward`: only the forwarder, until SIGTERM or SIGINT."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    Forwarder(settings, DeliveryStore(settings.receiver)).forever(stop)
    return 0
