"""Running sources: once each (`crm-sync run --once`, `replay`), or each on its schedule
in this process (`crm-sync run`, the embedded default).

A source's failure, whatever it is (a wrong IMAP password, a SOAP fault, a provider
answering HTML, Odoo refusing a call), is the source's alone: it is recorded on its run in
Odoo, logged without secrets, and the other sources go on."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import Settings, SourceSettings
from .masking import mask_urls
from .odoo import OdooClient
from .pipeline import RunReport

_logger = logging.getLogger("crm_sync")

#: exit codes of `run --once` and `replay` (documented in the README)
EXIT_OK = 0
EXIT_FAILED = 1  # at least one source failed
EXIT_LEASED = 75  # nothing failed, but a source was skipped: another worker holds it (EX_TEMPFAIL)

Action = Callable[[Settings, SourceSettings, OdooClient], RunReport]


@dataclass
class Outcome:
    source: str
    report: RunReport | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.report and self.report.error)

    @property
    def skipped(self) -> bool:
        return bool(self.report and not self.report.leased)


def run_guarded(
    settings: Settings, source: SourceSettings, client: OdooClient, action: Action
) -> Outcome:
    """Run one source; any exception is this source's failure, never the scheduler's."""
    try:
        return Outcome(source.name, report=action(settings, source, client))
    except Exception as exc:
        error = mask_urls(f"{exc.__class__.__name__}: {exc}")
        _logger.error("%s: FAILED: %s", source.name, error)
        _logger.debug("%s: traceback", source.name, exc_info=True)
        return Outcome(source.name, error=error)


def summary(outcome: Outcome) -> str:
    """The line an operator reads for one source."""
    if outcome.error is not None:
        return f"{outcome.source}: FAILED: {outcome.error}"
    report = outcome.report
    if not report.leased:
        return f"{report.source}: skipped, leased by {report.holder} until {report.until} UTC"
    data = report.as_dict()
    line = (
        f"{report.source}: {data['pages']} page(s), fetched {data['fetched']}, created "
        f"{data['created']}, updated {data['updated']}, duplicate {data['duplicate']}, "
        f"skipped {data['skipped']}, failed {data['failed']}"
    )
    for warning in report.warnings:
        line += f"\n{report.source}: WARNING: {warning}"
    return line


def exit_code(outcomes: list[Outcome]) -> int:
    if any(outcome.failed for outcome in outcomes):
        return EXIT_FAILED
    if any(outcome.skipped for outcome in outcomes):
        return EXIT_LEASED
    return EXIT_OK


def run_once(settings: Settings, sources: list[SourceSettings], action: Action) -> int:
    """Each source once, whatever happens to the ones before it; the exit code says if
    any failed (1) or, none failing, was skipped for another worker's lease (75)."""
    client = OdooClient(settings.odoo)
    outcomes = []
    for source in sources:
        outcome = run_guarded(settings, source, client, action)
        print(summary(outcome), flush=True)
        outcomes.append(outcome)
    return exit_code(outcomes)


class Scheduler:
    """Each source on its period, in this process; after a failure a source is tried
    again sooner, backing off (10 s, 20 s, 40 s ... up to its period)."""

    def __init__(self, settings: Settings, sources: list[SourceSettings], action: Action) -> None:
        self.settings = settings
        self.sources = sources
        self.action = action
        self.client = OdooClient(settings.odoo)
        self.due = dict.fromkeys((s.name for s in sources), 0.0)
        self.failures = dict.fromkeys(self.due, 0)
        self.stopping = False

    def stop(self, *_args) -> None:
        self.stopping = True

    def forever(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        while not self.stopping:
            self.tick()
            time.sleep(min(1.0, max(0.0, min(self.due.values()) - time.monotonic())))
        return EXIT_OK

    def tick(self) -> None:
        """Run every source that is due."""
        for source in self.sources:
            if self.stopping or self.due[source.name] > time.monotonic():
                continue
            outcome = run_guarded(self.settings, source, self.client, self.action)
            print(summary(outcome), flush=True)
            self.due[source.name] = time.monotonic() + self.delay(source, outcome.failed)

    def delay(self, source: SourceSettings, failed: bool) -> float:
        self.failures[source.name] = self.failures[source.name] + 1 if failed else 0
        if not failed:
            return source.every_seconds
        return min(source.every_seconds, 10 * 2 ** (self.failures[source.name] - 1))
