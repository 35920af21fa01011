"""`crm-sync`: the operator's command line. Each command calls the same service functions
the Celery tasks call, so anything the service does can be replayed by hand."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from .check import check
from .config import (
    CONFIG_FILE_ENV,
    ConfigurationInvalid,
    Settings,
    SourceSettings,
    load_settings,
)
from .odoo import OdooClient
from .pipeline import RunReport, replay_source, run_source
from .scheduler import EXIT_FAILED, Outcome, Scheduler, run_guarded, run_once, summary
from .sources import is_pushed

_logger = logging.getLogger("crm_sync")
EXIT_CONFIG = 2


def cmd_check(args: argparse.Namespace) -> int:
    """Configuration, secrets, sources, Odoo, the addon and the user, as the run uses them."""
    return check(print)


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.sources:
        print("no sources configured (see README: [[sources]] in crm-sync.toml)")
    for source in settings.sources:
        print(f"{source.name}\t{source.kind}\tevery {source.every_seconds}s")
    return 0


def _selected(settings: Settings, name: str | None) -> list[SourceSettings]:
    return [settings.source(name)] if name else list(settings.sources)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the sources on their schedule in this process (the embedded default), or once.
    Webhook sources are pushed, not pulled: `crm-sync serve` takes them."""
    sources = [source for source in _selected(settings, args.source) if not is_pushed(source)]
    if not sources:
        print(
            f"source {args.source} is a webhook: `crm-sync serve` receives it"
            if args.source
            else "no sources to pull configured"
        )
        return EXIT_CONFIG
    if args.once:
        return run_once(settings, sources, run_source)
    return Scheduler(settings, sources, run_source).forever()


def cmd_backfill(settings: Settings, args: argparse.Namespace) -> int:
    """Pull a source again from a date (since-paged sources) or from its start, without
    moving its cursor; what was imported already is counted as duplicates."""
    source = settings.source(args.source)
    start = args.since if source.options.get("pagination") == "since" else ""
    progress = _Progress()

    def backfill(settings, source, client):
        return run_source(
            settings, source, client, start_cursor=start, store_cursor=False, on_page=progress
        )

    outcome: Outcome = run_guarded(settings, source, OdooClient(settings.odoo), backfill)
    progress.close()
    print(summary(outcome))
    return EXIT_FAILED if outcome.failed else 0


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
    return run_once(settings, _selected(settings, args.source), replay_source)


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


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """The webhook receiver (and, unless --no-forward, the forwarder) in this process."""
    from .receiver.app import serve
    from .sources import SourceConfigError

    if not any(is_pushed(source) for source in settings.sources):
        # served all the same (404 for every hook): the docker stack's receiver must not
        # restart in a loop before the operator configures a webhook
        _logger.warning('no webhook sources configured (kind = "webhook", see README)')
    try:
        return serve(
            settings,
            args.host or settings.receiver.host,
            args.port or settings.receiver.port,
            forward=not args.no_forward,
        )
    except SourceConfigError as exc:
        print(f"crm-sync: {exc}", file=sys.stderr)
        return EXIT_CONFIG


def cmd_forward(settings: Settings, args: argparse.Namespace) -> int:
    """Only the forwarder: stored deliveries on to Odoo (with `serve --no-forward`)."""
    from .receiver.forwarder import forward_forever

    if not any(is_pushed(source) for source in settings.sources):
        print('no webhook sources configured (kind = "webhook", see README)')
        return EXIT_CONFIG
    return forward_forever(settings)


COMMANDS = {
    "sources": cmd_sources,
    "run": cmd_run,
    "backfill": cmd_backfill,
    "replay": cmd_replay,
    "worker": cmd_worker,
    "beat": cmd_beat,
    "serve": cmd_serve,
    "forward": cmd_forward,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-sync", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    parser.add_argument(
        "--config", help=f"the TOML file (default: ${CONFIG_FILE_ENV}, else ./crm-sync.toml)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the configuration, the sources, Odoo and the user")
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
    serve = sub.add_parser("serve", help="receive the webhook sources' signed deliveries")
    serve.add_argument("--host", help="the address to listen on (receiver.host, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="the port (receiver.port, 8088)")
    serve.add_argument(
        "--no-forward",
        action="store_true",
        help="only receive and store; `crm-sync forward` takes the deliveries on to Odoo",
    )
    sub.add_parser("forward", help="take stored webhook deliveries on to Odoo")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.config:
        os.environ[CONFIG_FILE_ENV] = args.config
    if args.command == "check":
        return cmd_check(args)
    try:
        settings = load_settings()
    except ConfigurationInvalid as exc:
        print(f"crm-sync: the configuration is invalid:\n{exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        return COMMANDS[args.command](settings, args)
    except KeyError as exc:  # an unknown --source
        print(f"crm-sync: {exc.args[0]}")
        return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
