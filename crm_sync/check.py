"""`crm-sync check`: everything a run needs, checked the way the run uses it, each problem
said in words that tell the operator what to do.

1. the configuration: the file exists (when named), no unknown key anywhere, every
   source's kind and options valid;
2. each source: its secret variables set; a web-form provider answers JSON; a webhook's
   signature scheme and secret, and the receiver's store reachable;
3. Odoo: the API key set, the server reachable, the login accepted, the addon installed
   in that database, the user an Internal User with the integration group and the rights
   the run uses."""

from __future__ import annotations

from collections.abc import Callable

from .config import API_KEY_ENV, ConfigurationInvalid, Settings, load_settings
from .masking import mask_urls
from .odoo import OdooClient, OdooError, OdooUnreachable
from .sources import SourceConfigError, build_source, is_pushed

EXIT_OK, EXIT_CONFIG, EXIT_ODOO, EXIT_RIGHTS = 0, 2, 3, 4
ADDON_MODEL = "crm.sync.source"
ADDON_NAME = "CRM Sync Connector"
#: the groups the run's user needs: message subtypes (chatter) need Internal User
GROUPS = (
    ("base.group_user", "Internal User (the run posts in the chatter: message subtypes)"),
    (
        "crm_sync_connector.crm_sync_connector_group_integration",
        "CRM Sync / Integration (sync worker)",
    ),
)
RIGHTS = (
    ("crm.sync.source", "write"),
    ("crm.lead", "read"),
    ("crm.lead", "create"),
    ("res.partner", "read"),
)

Say = Callable[[str], None]


def check(say: Say) -> int:
    try:
        settings = load_settings()
    except ConfigurationInvalid as exc:
        say(f"configuration: INVALID\n{exc}")
        return EXIT_CONFIG
    say(f"configuration: ok ({len(settings.sources)} source(s))")
    sources_ok = check_sources(settings, say)
    sources_ok = check_store(settings, say) and sources_ok
    odoo_code = check_odoo(settings, say)
    if odoo_code:
        return odoo_code
    return EXIT_OK if sources_ok else EXIT_CONFIG


def check_sources(settings: Settings, say: Say) -> bool:
    ok = True
    for source in settings.sources:
        try:
            adapter = build_source(source)
            detail = adapter.probe()
        except SourceConfigError as exc:
            say(f"source {source.name}: INVALID: {exc}")
            ok = False
            continue
        except Exception as exc:
            say(f"source {source.name}: FAILED: {mask_urls(f'{exc.__class__.__name__}: {exc}')}")
            ok = False
            continue
        say(f"source {source.name} ({source.kind}): ok{f' ({detail})' if detail else ''}")
    return ok


def check_store(settings: Settings, say: Say) -> bool:
    """The receiver's store, when a webhook source needs it: reachable, each source's
    durable queue there (declared if new), and how many deliveries wait in it."""
    pushed = [source.name for source in settings.sources if is_pushed(source)]
    if not pushed:
        return True
    from .receiver.store import DeliveryStore

    store = DeliveryStore(settings.receiver)
    try:
        waiting = {name: store.waiting(name) for name in pushed}
    except Exception as exc:
        say(
            f"store: FAILED: {store.shown_url}: {mask_urls(f'{exc.__class__.__name__}: {exc}')} "
            "(the receiver answers 503 until it is reachable; set receiver.store_url)"
        )
        return False
    counts = ", ".join(f"{name} {count}" for name, count in waiting.items())
    say(f"store: ok (RabbitMQ at {store.shown_url}; deliveries waiting: {counts})")
    return True


def check_odoo(settings: Settings, say: Say) -> int:
    odoo = settings.odoo
    if not odoo.api_key.get_secret_value():
        say(f"odoo: the API key is empty: set {API_KEY_ENV} (environment or .env)")
        return EXIT_ODOO
    client = OdooClient(odoo)
    try:
        version = client.version()
        say(f"odoo: reachable at {odoo.url} (server {version.get('server_version')})")
        say(f"login: {odoo.login} is uid {client.uid} on {odoo.database}")
        if not addon_installed(client):
            say(
                f"odoo: the addon {ADDON_NAME} is not installed in database {odoo.database}: "
                f"install *{ADDON_NAME}* there (Apps)"
            )
            return EXIT_ODOO
        missing = [label for group, label in GROUPS if not has_group(client, group)]
        missing += [
            f"the right to {op} {model}" for model, op in RIGHTS if not client.has_access(model, op)
        ]
    except (OdooError, OdooUnreachable) as exc:
        say(f"odoo: FAILED: {mask_urls(str(exc))}")
        return EXIT_ODOO
    if missing:
        say(f"user {odoo.login}: MISSING " + "; ".join(missing))
        return EXIT_RIGHTS
    say(f"user {odoo.login}: ok (Internal User, integration group, rights)")
    return EXIT_OK


def addon_installed(client: OdooClient) -> bool:
    try:
        client.has_access(ADDON_MODEL, "read")
    except OdooError as exc:
        if "doesn't exist" in str(exc) or "does not exist" in str(exc):
            return False
        raise
    return True


def has_group(client: OdooClient, group: str) -> bool:
    return bool(client.call("res.users", "has_group", [client.uid], group))
