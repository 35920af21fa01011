"""Benchmark: mails from dovecot into a real Odoo through crm-sync, against the naive way.

    .venv/bin/python bench/sync_emails.py [--mails 10000] [--naive 300] [--big 4]

A fresh database with crm_sync_connector and 500 customers; Debian's dovecot on loopback
(tests/imap_server.py) with `--mails` mails from those customers written straight into its
Maildir; then in the same run:

1. crm-sync logs them (pages of 500 mails, batches of 250 per RPC);
2. the naive way (baseline) on `--naive` of them: per mail, an XML-RPC search of the
   partner by email, then an XML-RPC message_post on it;
3. `crm-sync run --once` in its own process over `--big` mails with a 25 MB attachment
   each, its peak memory (VmHWM) read from /proc.

Prints both rates, the ratio and the peak memory; checks issue 7's targets: at least 15x
the naive rate, worker memory below 200 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
import xmlrpc.client
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _odoo import peak_memory_mb, verdict  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from crm_sync.config import OdooSettings, Settings, SourceSettings  # noqa: E402
from crm_sync.odoo import OdooClient  # noqa: E402
from crm_sync.pipeline import run_source  # noqa: E402
from tests.imap_server import ImapServer  # noqa: E402
from tests.odoo_server import OdooServer  # noqa: E402

CUSTOMERS = 500


def mail(number: int, attachment: bytes = b"") -> bytes:
    message = EmailMessage()
    message["From"] = f"Customer {number % CUSTOMERS} <c{number % CUSTOMERS}@client.example>"
    message["To"] = "seller@ourcompany.example"
    message["Subject"] = f"Order question {number}"
    message["Message-ID"] = f"<bench-{number}-{uuid.uuid4().hex[:6]}@client.example>"
    message.set_content(f"Hello, about order {number}: when will it ship?\n" * 5)
    if attachment:
        message.add_attachment(
            attachment, maintype="application", subtype="pdf", filename="scan.pdf"
        )
    return message.as_bytes()


def fill_mailbox(imap: ImapServer, folder: str, raws: list[bytes]) -> None:
    """Write mails straight into the Maildir (APPEND one by one would time the setup)."""
    import pwd

    path = imap.root / "home" / imap.user / "Maildir"
    if folder != "INBOX":
        path = path / f".{folder}"
    for sub in ("new", "cur", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for index, raw in enumerate(raws):
        (path / "new" / f"{time.time():.0f}.{index}_{uuid.uuid4().hex}.bench").write_bytes(raw)
    owner = pwd.getpwnam("dovecot") if os.getuid() == 0 else None
    if owner:
        for item in [imap.root / "home", *(imap.root / "home").rglob("*")]:
            os.chown(item, owner.pw_uid, owner.pw_gid)


def source(imap: ImapServer, name: str, folder: str, page_size: int) -> dict:
    return {
        "name": name,
        "kind": "imap",
        "options": {
            "port": imap.port,
            "ssl": False,
            "username": imap.user,
            "password_env": "BENCH_IMAP_PASSWORD",
            "folders": [folder],
            "page_size": page_size,
        },
    }


def crm_sync_rate(server: OdooServer, imap: ImapServer, count: int) -> float:
    fill_mailbox(imap, "INBOX", [mail(n) for n in range(count)])
    settings = Settings(
        odoo=OdooSettings(
            url=server.url,
            database=server.database,
            login=server.login,
            api_key=SecretStr(server.api_key),
            timeout_seconds=300,
        ),
        email_batch_size=250,
        sources=[SourceSettings(**source(imap, "bench-mails", "INBOX", 500))],
    )
    started = time.perf_counter()
    report = run_source(
        settings, settings.source("bench-mails"), OdooClient(settings.odoo)
    ).as_dict()
    elapsed = time.perf_counter() - started
    assert report["created"] == count, report
    return count / elapsed


def naive_rate(server: OdooServer, count: int) -> float:
    """Per mail: search the partner, then message_post on it (as admin, over XML-RPC)."""
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    uid = common.authenticate(server.database, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)
    started = time.perf_counter()
    for number in range(count):
        email = f"c{number % CUSTOMERS}@client.example"
        partner = models.execute_kw(
            server.database, uid, "admin", "res.partner", "search",
            [[("email", "=", email)]], {"limit": 1},
        )  # fmt: skip
        models.execute_kw(
            server.database, uid, "admin", "res.partner", "message_post", [partner],
            {"body": f"Order question {number}", "message_type": "email",
             "subtype_xmlid": "mail.mt_note", "email_from": email},
        )  # fmt: skip
    return count / (time.perf_counter() - started)


def big_mail_peak_memory(server: OdooServer, imap: ImapServer, count: int) -> float:
    attachment = os.urandom(25 * 1024 * 1024)
    fill_mailbox(imap, "Big", [mail(10_000_000 + n, attachment) for n in range(count)])
    del attachment
    config = Path("/tmp/bench-crm-sync-mails.toml")
    options = source(imap, "big-mails", "Big", 10)["options"]
    config.write_text(
        f"""email_batch_size = 5
[odoo]
url = "{server.url}"
database = "{server.database}"
login = "{server.login}"
timeout_seconds = 300
[[sources]]
name = "big-mails"
kind = "imap"
[sources.options]
port = {options["port"]}
ssl = false
username = "{imap.user}"
password_env = "BENCH_IMAP_PASSWORD"
folders = ["Big"]
page_size = 10
""",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "CRM_SYNC_CONFIG": str(config),
        "CRM_SYNC_ODOO__API_KEY": server.api_key,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "crm_sync.cli", "run", "--once", "--source", "big-mails"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak_mb = peak_memory_mb(process)
    output = process.stdout.read()
    if process.returncode or f"created {count}" not in output:
        raise SystemExit(f"big mails run failed: {output}")
    return peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=300)
    parser.add_argument("--big", type=int, default=4)
    args = parser.parse_args()
    server = OdooServer(database="crm_bench_mails")
    server.create()
    server.start()
    imap = ImapServer()
    os.environ["BENCH_IMAP_PASSWORD"] = imap.password
    try:
        boss = OdooClient(
            OdooSettings(
                url=server.url, database=server.database, login="admin", api_key=SecretStr("admin")
            )
        )
        boss.call(
            "res.partner",
            "create",
            [{"name": f"Customer {n}", "email": f"c{n}@client.example"} for n in range(CUSTOMERS)],
        )
        fast = crm_sync_rate(server, imap, args.mails)
        slow = naive_rate(server, args.naive)
        peak_mb = big_mail_peak_memory(server, imap, args.big)
    finally:
        imap.close()
        server.drop()
    ratio = fast / slow
    print(f"crm-sync: {args.mails} mails at {fast:7.1f} mails/s (pages of 500, batches of 250)")
    print(
        f"naive XML-RPC (baseline), {args.naive} mails: {slow:7.1f} mails/s (search + message_post)"
    )
    print(f"ratio: crm-sync is {ratio:.1f}x the naive rate")
    print(f"{args.big} mails with a 25 MB attachment each: worker peak memory {peak_mb:.0f} MB")
    checks = {">= 15x the naive rate": ratio >= 15, "worker memory < 200 MB": peak_mb < 200}
    return verdict(checks)


if __name__ == "__main__":
    raise SystemExit(main())
