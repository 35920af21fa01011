"""`crm-sync`: the operator's command line. Each command calls the same service functions
the Celery tasks call, so anything the service does can be replayed by hand."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
import time
from pathlib import Path

import requests
from pydantic import ValidationError

from .config import Settings, SourceSettings
from .odoo import OdooClient, OdooError, OdooUnreachable
from .pipeline import RunReport, replay_source, run_source

_logger = logging.getLogger("crm_sync")
# What a run can fail on without the command itself being wrong: reported, retried later.
RUN_ERRORS = (OdooError, OdooUnreachable, requests.RequestException, ValueError, OSError)

# What the integration user must be allowed to do in Odoo for the sync to work.
REQUIRED_RIGHTS = (("crm.lead", "read"), ("crm.lead", "create"), ("res.partner", "read"))


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SystemExit(f"crm-sync: the configuration is invalid:\n{exc}") from exc


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    """Configuration readable, Odoo reachable, the login works and has the rights it needs."""
    print(f"configuration: ok ({len(settings.sources)} source(s))")
    client = OdooClient(settings.odoo)
    try:
        version = client.version()
        print(f"odoo: reachable at {settings.odoo.url} (server {version.get('server_version')})")
        print(f"login: {settings.odoo.login} is uid {client.uid} on {settings.odoo.database}")
        missing = [
            f"{op} {model}" for model, op in REQUIRED_RIGHTS if not client.has_access(model, op)
        ]
    except (OdooError, OdooUnreachable) as exc:
        print(f"odoo: FAILED: {exc}")
        return 2
    if missing:
        print("rights: MISSING " + ", ".join(missing))
        return 3
    print("rights: ok")
    return 0


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.sources:
        print("no sources configured (see README: [[sources]] in crm-sync.toml)")
    for source in settings.sources:
        print(f"{source.name}\t{source.kind}\tevery {source.every_seconds}s")
    return 0


def _selected(settings: Settings, name: str | None) -> list[SourceSettings]:
    return [settings.source(name)] if name else list(settings.sources)


def _summary(report: RunReport) -> str:
    if not report.leased:
        return f"{report.source}: skipped, leased by {report.holder}"
    data = report.as_dict()
    return (
        f"{report.source}: {data['pages']} page(s), fetched {data['fetched']}, created "
        f"{data['created']}, updated {data['updated']}, duplicate {data['duplicate']}, "
        f"failed {data['failed']}"
    )


def _run_each(settings: Settings, sources: list[SourceSettings], action) -> int:
    client = OdooClient(settings.odoo)
    failures = 0
    for source in sources:
        try:
            print(_summary(action(settings, source, client)), flush=True)
        except RUN_ERRORS as exc:
            failures += 1
            print(f"{source.name}: FAILED: {exc.__class__.__name__}: {exc}", flush=True)
    return 1 if failures else 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the sources on their schedule in this process (the embedded default), or once."""
    sources = _selected(settings, args.source)
    if not sources:
        print("no sources configured")
        return 2
    if args.once:
        return _run_each(settings, sources, run_source)
    return _schedule_forever(settings, sources)


def _schedule_forever(settings: Settings, sources: list[SourceSettings]) -> int:
    stopping = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.append(True))
    due = dict.fromkeys((s.name for s in sources), 0.0)
    failures = dict.fromkeys(due, 0)
    while not stopping:
        now = time.monotonic()
        for source in sources:
            if due[source.name] > now or stopping:
                continue
            code = _run_each(settings, [source], run_source)
            failures[source.name] = failures[source.name] + 1 if code else 0
            # after a failure, try again sooner but back off: 10 s, 20 s, 40 s ... the period
            delay = min(source.every_seconds, 10 * 2 ** (failures[source.name] - 1))
            due[source.name] = time.monotonic() + (delay if code else source.every_seconds)
        time.sleep(min(1.0, max(0.0, min(due.values()) - time.monotonic())))
    return 0


def cmd_backfill(settings: Settings, args: argparse.Namespace) -> int:
    """Pull a source again from a date (since-paged sources) or from its start, without
    moving its cursor; what was imported already is counted as duplicates."""
    source = settings.source(args.source)
    start = args.since if source.options.get("pagination") == "since" else ""
    progress = _Progress()
    try:
        report = run_source(
            settings,
            source,
            OdooClient(settings.odoo),
            start_cursor=start,
            store_cursor=False,
            on_page=progress,
        )
    except RUN_ERRORS as exc:
        progress.close()
        print(f"{source.name}: FAILED: {exc.__class__.__name__}: {exc}")
        return 1
    progress.close()
    print(_summary(report))
    return 0


class _Progress:
    """A one-line progress display on standard error."""

    def __call__(self, report: RunReport) -> None:
        counts = report.as_dict()
        sys.stderr.write(
            f"\r{report.pages} pages | fetched {counts['fetched']} | created {counts['created']}"
            f" | duplicate {counts['duplicate']} | failed {counts['failed']}"
        )
        sys.stderr.flush()

    @staticmethod
    def close() -> None:
        sys.stderr.write("\n")


def cmd_replay(settings: Settings, args: argparse.Namespace) -> int:
    return _run_each(settings, _selected(settings, args.source), replay_source)


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from .celery_app import create_app

    create_app(settings).worker_main(
        ["worker", "--loglevel=INFO", f"--concurrency={args.concurrency}", "--without-gossip"]
    )
    return 0


def cmd_beat(settings: Settings, args: argparse.Namespace) -> int:
    from .celery_app import create_app

    schedule = Path(tempfile.gettempdir()) / "crm-sync-beat-schedule"
    create_app(settings).start(["beat", "--loglevel=INFO", f"--schedule={schedule}"])
    return 0


COMMANDS = {
    "check": cmd_check,
    "sources": cmd_sources,
    "run": cmd_run,
    "backfill": cmd_backfill,
    "replay": cmd_replay,
    "worker": cmd_worker,
    "beat": cmd_beat,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-sync", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the configuration, Odoo and the user's rights")
    sub.add_parser("sources", help="list the configured sources")
    run = sub.add_parser("run", help="run the sources on their schedule in this process")
    run.add_argument("--once", action="store_true", help="run each source once and exit")
    run.add_argument("--source", help="only this source")
    backfill = sub.add_parser("backfill", help="pull a source again without moving its cursor")
    backfill.add_argument("--source", required=True)
    backfill.add_argument("--since", default="", help="YYYY-MM-DD, for since-paged sources")
    replay = sub.add_parser("replay", help="send the dead letters marked To Replay again")
    replay.add_argument("--source", help="only this source")
    worker = sub.add_parser("worker", help="a Celery worker (needs CRM_SYNC_BROKER_URL)")
    worker.add_argument("--concurrency", type=int, default=2)
    sub.add_parser("beat", help="the Celery scheduler of the sources")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    settings = _load_settings()
    try:
        return COMMANDS[args.command](settings, args)
    except KeyError as exc:  # an unknown --source
        print(f"crm-sync: {exc.args[0]}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
