"""Set up the product in an Odoo 18 database, idempotently: the one code path that both the
docker stack's `setup` service and `scripts/run-product` (no Docker) run.

1. create the database if it does not exist (demo data when asked, English kept);
2. install the suite's application addon (which pulls in every addon of the suite), and
   the Jalali calendar when Persian is loaded (its users live by that calendar);
3. load Persian beside English;
4. create the sync worker's integration user with only its group;
5. give it an API key and write the key to a secret file the worker reads (0600), unless
   the file already holds a key that Odoo still accepts;
6. give the companies the mail alias domain of $CRM_ALIAS_DOMAIN (or say it is missing).

Running it again changes nothing. It runs in Odoo's own Python:

    python3 scripts/crm_setup.py --database crm --secret-file /run/crm-sync/key \\
        -- -c /etc/odoo/odoo.conf --db_host db

Everything after `--` goes to Odoo's own configuration parser (database connection,
addons path). Secrets are never printed: only the secret file's path.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

_logger = logging.getLogger("crm_setup")

# The calendar that comes with Persian; English and other languages keep Gregorian dates.
JALALI_CALENDAR = "crm_jalali_calendar"
INTEGRATION_GROUP = "crm_sync_connector.crm_sync_connector_group_integration"
KEY_NAME = "crm-sync worker (set-up)"
# The domain of the mail aliases (complaints@<domain>): without it Odoo's mail gateway
# finds no route for a complaint sent by email.
ALIAS_DOMAIN_ENV = "CRM_ALIAS_DOMAIN"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    own, _, odoo_args = _split_at_double_dash(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("CRM_DATABASE", "crm"))
    parser.add_argument(
        "--demo",
        action="store_true",
        default=_truthy(os.environ.get("CRM_DEMO")),
        help="load demo data when the database is created (env CRM_DEMO=1)",
    )
    parser.add_argument("--modules", default=os.environ.get("CRM_MODULES", "crm_customer_suite"))
    parser.add_argument("--languages", default=os.environ.get("CRM_LANGUAGES", "fa_IR"))
    parser.add_argument("--integration-login", default="crm-sync")
    parser.add_argument(
        "--secret-file",
        type=Path,
        required=True,
        help="where the integration user's API key is written (the worker reads it)",
    )
    parser.add_argument(
        "--secret-owner",
        type=int,
        default=None,
        help="uid that owns the secret file (the worker's user, when run as root)",
    )
    parser.add_argument(
        "--odoo-home",
        default=os.environ.get("ODOO_HOME"),
        help="an Odoo source checkout, when `odoo` is not importable as it is",
    )
    return parser.parse_args(own), odoo_args


def _split_at_double_dash(argv: list[str]) -> tuple[list[str], str, list[str]]:
    if "--" in argv:
        index = argv.index("--")
        return argv[:index], "--", argv[index + 1 :]
    return argv, "", []


def import_odoo(odoo_home: str | None):
    try:
        import odoo  # only importable in Odoo's Python
    except ImportError:
        if not odoo_home:
            raise SystemExit("crm_setup: cannot import odoo; pass --odoo-home") from None
        sys.path.insert(0, odoo_home)
        import odoo  # only importable in Odoo's Python
    return odoo


def ensure_database(odoo, name: str, demo: bool) -> bool:
    """Create the database with base installed; True when it was created now."""
    from odoo.service import db as db_service

    if name in db_service.list_dbs(force=True):
        return False
    admin_password = os.environ.get("CRM_ADMIN_PASSWORD", "admin")
    db_service.exp_create_database(name, demo, "en_US", admin_password, "admin")
    print(f"database {name}: created ({'with' if demo else 'without'} demo data)")
    return True


def modules_to_install(modules: list[str], languages: list[str]) -> list[str]:
    """The addons to install for these languages: the Jalali calendar with Persian (the
    languages crm_jalali_calendar gives its Jalali flag; the suite installs it as well
    when Persian is loaded later from Settings)."""
    wanted = list(dict.fromkeys(modules))
    if any(code.startswith("fa") for code in languages) and JALALI_CALENDAR not in wanted:
        wanted.append(JALALI_CALENDAR)
    return wanted


def ensure_modules(env, names: list[str]) -> None:
    modules = env["ir.module.module"]
    modules.update_list()
    wanted = modules.search([("name", "in", names)])
    missing = set(names) - set(wanted.mapped("name"))
    if missing:
        raise SystemExit(f"crm_setup: addons not found on the addons path: {sorted(missing)}")
    to_install = wanted.filtered(lambda m: m.state != "installed")
    if to_install:
        to_install.button_immediate_install()
        print(f"installed: {', '.join(sorted(to_install.mapped('name')))}")
    else:
        print(f"installed already: {', '.join(sorted(names))}")


def ensure_languages(env, codes: list[str]) -> None:
    langs = env["res.lang"].with_context(active_test=False).search([("code", "in", codes)])
    inactive = langs.filtered(lambda lang: not lang.active)
    if inactive:
        env["base.language.install"].create({"lang_ids": [(6, 0, inactive.ids)]}).lang_install()
        print(f"languages loaded: {', '.join(inactive.mapped('code'))} (English kept)")


def ensure_integration_user(env, login: str):
    # An internal user (Odoo's "User types / Internal User") with the sync's one group: the
    # least the worker's calls need (message subtypes, companies are internal-user reads).
    group = env.ref(INTEGRATION_GROUP)
    groups = env.ref("base.group_user") | group
    users = env["res.users"].with_context(active_test=False)
    user = users.search([("login", "=", login)], limit=1)
    if not user:
        user = users.with_context(no_reset_password=True).create(
            {
                "name": "CRM Sync worker",
                "login": login,
                "groups_id": [(6, 0, groups.ids)],
            }
        )
        print(f"integration user {login}: created, internal, with only '{group.full_name}'")
    elif not user.active:
        user.active = True
    if groups - user.groups_id:
        user.groups_id = [(4, g.id) for g in groups - user.groups_id]
    return user


def ensure_api_key(env, user, secret_file: Path, owner: int | None) -> None:
    """Keep a key Odoo still accepts; otherwise revoke ours and write a new one."""
    keys = env["res.users.apikeys"]
    current = secret_file.read_text().strip() if secret_file.exists() else ""
    if current and keys._check_credentials(scope="rpc", key=current) == user.id:
        print(f"API key: kept ({secret_file})")
        return
    keys.sudo().search([("user_id", "=", user.id), ("name", "=", KEY_NAME)]).unlink()
    key = keys.with_user(user).sudo()._generate(None, KEY_NAME, None)
    write_secret(secret_file, key, owner)
    print(f"API key: new, written to {secret_file}")


def write_secret(path: Path, value: str, owner: int | None) -> None:
    """Readable by its owner only: the worker's user."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    os.chmod(path, 0o600)
    if owner is not None:
        os.chown(path, owner, owner)


def ensure_alias_domain(env, domain: str | None) -> str:
    """Give every company without one the alias domain ``domain`` (created once); without
    ``domain``, say what the administrator must set. Returns the line to print."""
    companies = env["res.company"].search([("alias_domain_id", "=", False)])
    if not companies:
        return "mail alias domain: already set"
    if not domain:
        return (
            f"mail alias domain: NOT SET, complaints sent by email will not be received. Set "
            f"{ALIAS_DOMAIN_ENV}=<your mail domain> and run the set-up again, or in Odoo: "
            f"Settings > Technical > Email > Alias Domains, then each company's Alias Domain"
        )
    domains = env["mail.alias.domain"]
    alias_domain = domains.search([("name", "=", domain)], limit=1) or domains.create(
        {"name": domain}
    )
    companies.write({"alias_domain_id": alias_domain.id})
    return f"mail alias domain: {domain} (complaints@{domain})"


def main(argv: list[str] | None = None) -> int:
    args, odoo_args = parse_args(sys.argv[1:] if argv is None else argv)
    odoo = import_odoo(args.odoo_home)
    odoo.tools.config.parse_config(odoo_args)
    created = ensure_database(odoo, args.database, args.demo)
    languages = [c for c in args.languages.split(",") if c]
    modules = modules_to_install([m for m in args.modules.split(",") if m], languages)
    registry = odoo.modules.registry.Registry.new(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ensure_modules(env, modules)
    registry = odoo.modules.registry.Registry.new(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ensure_languages(env, languages)
        user = ensure_integration_user(env, args.integration_login)
        ensure_api_key(env, user, args.secret_file, args.secret_owner)
        print(ensure_alias_domain(env, os.environ.get(ALIAS_DOMAIN_ENV)))
    print(f"set-up done: database {args.database}{' (new)' if created else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
