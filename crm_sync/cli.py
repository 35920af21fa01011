"""`crm-sync`: the operator's command line. Each command calls the same service functions
the Celery tasks call, so anything the service does can be replayed by hand."""

from __future__ import annotations

import argparse
import logging
import sys

from pydantic import ValidationError

from .config import Settings
from .odoo import OdooClient, OdooError, OdooUnreachable

# What the integration user must be allowed to do in Odoo for the sync to work.
REQUIRED_RIGHTS = (("crm.lead", "read"), ("crm.lead", "create"), ("res.partner", "read"))


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SystemExit(f"crm-sync: the configuration is invalid:\n{exc}") from exc


def cmd_check(settings: Settings) -> int:
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


def cmd_sources(settings: Settings) -> int:
    if not settings.sources:
        print("no sources configured (see README: [[sources]] in crm-sync.toml)")
    for source in settings.sources:
        print(f"{source.name}\t{source.kind}\tevery {source.every_seconds}s")
    return 0


COMMANDS = {"check": cmd_check, "sources": cmd_sources}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-sync", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the configuration, Odoo and the user's rights")
    sub.add_parser("sources", help="list the configured sources")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return COMMANDS[args.command](_load_settings())


if __name__ == "__main__":
    sys.exit(main())
