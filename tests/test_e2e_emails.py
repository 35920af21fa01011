"""Mails from a real IMAP server (dovecot) into a real Odoo, with the connection to Odoo
breaking on the way: every mail is logged once, nothing is marked read."""

from __future__ import annotations

import uuid
from email.message import EmailMessage

import pytest
from pydantic import SecretStr

from crm_sync.config import OdooSettings
from crm_sync.odoo import OdooClient
from crm_sync.pipeline import run_source
from tests.imap_server import ImapServer
from tests.loopback import FaultyProxy

pytestmark = pytest.mark.odoo


@pytest.fixture(scope="module")
def imap():
    server = ImapServer()
    yield server
    server.close()


def admin(odoo_server) -> OdooClient:
    return OdooClient(
        OdooSettings(
            url=odoo_server.url,
            database=odoo_server.database,
            login="admin",
            api_key=SecretStr("admin"),
        )
    )


def message(tag, number, sender, to="seller@ourcompany.example", **headers) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = f"{tag} #{number} سلام"
    mail["Message-ID"] = f"<{tag}-{number}@client.example>"
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(f"Message {number}")
    return mail.as_bytes()


def test_mails_are_logged_once_through_faults(odoo_server, imap, odoo_settings_for, monkeypatch):
    tag = uuid.uuid4().hex[:6]
    customer_email = f"customer-{tag}@client.example"
    boss = admin(odoo_server)
    boss.call("res.users", "write", [2], {"email": "seller@ourcompany.example"})
    partner_id = boss.call(
        "res.partner", "create", {"name": "Mail customer", "email": customer_email}
    )
    name = f"mailbox-{tag}"
    boss.call(
        "crm.sync.source",
        "create",
        {"name": name, "kind": "imap", "email_log_scope": "all", "email_unknown_sender": "lead"},
    )
    mails = [message(tag, n, customer_email) for n in range(12)]
    mails.append(message(tag, 100, customer_email, In_Reply_To=f"<{tag}-0@client.example>"))
    mails += [
        message(tag, 200 + n, customer_email, Auto_Submitted="auto-replied") for n in range(3)
    ]
    mails.append(message(tag, 300, "seller@ourcompany.example", to="seller@ourcompany.example"))
    mails.append(message(tag, 400, f"stranger-{tag}@new.example"))
    for raw in mails:
        imap.append(raw)
    imap.append(message(tag, 500, "seller@ourcompany.example", to=customer_email), folder="Sent")
    monkeypatch.setenv("IMAP_PASSWORD", imap.password)
    source = {
        "name": name,
        "kind": "imap",
        "options": {
            "host": "127.0.0.1",
            "port": imap.port,
            "ssl": False,
            "username": imap.user,
            "password_env": "IMAP_PASSWORD",
            "folders": ["INBOX", "Sent"],
            "page_size": 5,
        },
    }
    proxy = FaultyProxy(odoo_server.url)
    proxy.faults = {3: "drop-after", 5: "502", 6: "drop-after"}
    try:
        settings = odoo_settings_for([source], url=proxy.url, email_batch_size=3)
        report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    finally:
        proxy.close()
    assert report["failed"] == 0, report
    # skipped mails (the auto-replies, the internal one) are counted, and the counts add up
    outcomes = ("created", "updated", "duplicate", "skipped", "failed")
    assert report["skipped"] >= 3 and report["fetched"] == sum(report[k] for k in outcomes)
    runs = odoo_server.sql(
        "SELECT r.fetched_count, r.created_count + r.updated_count + r.duplicate_count "
        "+ r.skipped_count + r.failed_count, r.skipped_count FROM crm_sync_run r "
        f"JOIN crm_sync_source s ON s.id = r.source_id WHERE s.name = '{name}'"
    )
    assert [(int(f), int(p)) for f, p, _s in runs] == [(report["fetched"], report["fetched"])]

    logged = odoo_server.sql(
        "SELECT message_id, COUNT(*) FROM mail_message "
        f"WHERE message_id LIKE '<{tag}-%' GROUP BY message_id"
    )
    counts = dict(logged)
    expected = {f"<{tag}-{n}@client.example>" for n in [*range(12), 100, 400, 500]}
    assert set(counts) == expected, counts
    assert set(counts.values()) == {"1"}
    on_partner = odoo_server.sql(
        f"SELECT COUNT(*) FROM mail_message WHERE model = 'res.partner' AND res_id = {partner_id} "
        f"AND message_id LIKE '<{tag}-%'"
    )[0][0]
    assert int(on_partner) == 14  # 12, the reply and the sent mail
    reply_parent = odoo_server.sql(
        "SELECT p.message_id FROM mail_message m JOIN mail_message p ON p.id = m.parent_id "
        f"WHERE m.message_id = '<{tag}-100@client.example>'"
    )
    assert reply_parent == [(f"<{tag}-0@client.example>",)]
    stranger_lead = odoo_server.sql(
        f"SELECT COUNT(*) FROM crm_lead WHERE email_from = 'stranger-{tag}@new.example'"
    )
    assert stranger_lead == [("1",)]
    assert not any(b"\\Seen" in flags for flags in imap.flags()), "nothing marked read"

    direct = odoo_settings_for([source], email_batch_size=3)
    again = run_source(direct, direct.source(name), OdooClient(direct.odoo)).as_dict()
    assert again["created"] == 0


@pytest.mark.parametrize("kind", ["graph", "ews"])
def test_graph_and_ews_mailboxes_into_odoo(odoo_server, odoo_settings_for, monkeypatch, kind):
    from tests.ews_service import EwsService
    from tests.graph_service import GraphService

    tag = uuid.uuid4().hex[:6]
    customer_email = f"cloud-{tag}@client.example"
    boss = admin(odoo_server)
    partner_id = boss.call(
        "res.partner", "create", {"name": "Cloud customer", "email": customer_email}
    )
    raws = [message(tag, n, customer_email) for n in range(7)]
    if kind == "graph":
        service = GraphService()
        monkeypatch.setenv("MAIL_SECRET", service.secret)
        # msal speaks only https: the loopback token endpoint's certificate is self-signed.
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", service.ca_file)
        options = {
            "mailbox": "sales",
            "client_id": "app",
            "client_secret_env": "MAIL_SECRET",
            "base_url": service.base,
            "token_url": service.token_url,
        }
    else:
        service = EwsService()
        monkeypatch.setenv("MAIL_SECRET", service.password)
        options = {"url": service.url, "username": service.user, "password_env": "MAIL_SECRET"}
    service.folders["inbox"] = [(f"id-{n}", raw) for n, raw in enumerate(raws)]
    name = f"{kind}-{tag}"
    settings = odoo_settings_for(
        [{"name": name, "kind": kind, "options": {**options, "page_size": 3}}]
    )
    try:
        report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
        again = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    finally:
        service.close()
    assert report["created"] == 7 and again["created"] == 0
    logged = odoo_server.sql(
        f"SELECT COUNT(*) FROM mail_message WHERE model = 'res.partner' AND res_id = {partner_id} "
        f"AND message_id LIKE '<{tag}-%'"
    )[0][0]
    assert int(logged) == 7


def _mail_faults_setup(odoo_server, imap, tag, count):
    customer_email = f"fault-{tag}@client.example"
    admin(odoo_server).call(
        "res.partner", "create", {"name": "Fault customer", "email": customer_email}
    )
    folder = f"F{tag}"
    connection = imap.connect()
    connection.create(folder)
    connection.logout()
    for n in range(count):
        imap.append(message(tag, n, customer_email), folder=folder)
    return folder


def _logged_once(odoo_server, tag, count):
    rows = odoo_server.sql(
        f"SELECT message_id, COUNT(*) FROM mail_message WHERE message_id LIKE '<{tag}-%' GROUP BY message_id"
    )
    assert len(rows) == count, rows[:5]
    assert {c for _m, c in rows} == {"1"}


def test_mail_worker_killed_and_odoo_restarted(odoo_server, imap, tmp_path):
    """SIGKILL the worker mid-run, then restart Odoo under the next run: every mail once."""
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time

    tag = uuid.uuid4().hex[:6]
    count = 120
    folder = _mail_faults_setup(odoo_server, imap, tag, count)
    name = f"kill-mail-{tag}"
    config = tmp_path / "crm-sync.toml"
    config.write_text(
        f"""lease_seconds = 5
email_batch_size = 1
[odoo]
url = "{odoo_server.url}"
database = "{odoo_server.database}"
login = "{odoo_server.login}"
api_key = "{odoo_server.api_key}"
max_retries = 8
[[sources]]
name = "{name}"
kind = "imap"
[sources.options]
port = {imap.port}
ssl = false
username = "{imap.user}"
password_env = "IMAP_PASSWORD"
folders = ["{folder}"]
page_size = 2
""",
        encoding="utf-8",
    )
    env = {**os.environ, "CRM_SYNC_CONFIG": str(config), "IMAP_PASSWORD": imap.password}
    command = [sys.executable, "-m", "crm_sync.cli", "run", "--once", "--source", name]
    worker = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(2.5)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    time.sleep(6)  # the dead worker's lease runs out

    restarter = threading.Timer(1.5, lambda: (odoo_server.stop(), odoo_server.start()))
    restarter.start()
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    restarter.join()
    if second.returncode:  # a run cut by the restart; the next one resumes from the cursor
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    _logged_once(odoo_server, tag, count)


def test_an_email_dead_letter_is_replayed_as_a_mail(odoo_server, odoo_settings_for, tmp_path):
    """A mail Odoo could not take (no sender) is a dead letter; fixed and marked To
    Replay, `replay` parses it as a mail again and logs it: it never takes the lead path."""
    from crm_sync.pipeline import replay_source

    tag = uuid.uuid4().hex[:6]
    customer_email = f"replay-{tag}@client.example"
    boss = admin(odoo_server)
    partner_id = boss.call("res.partner", "create", {"name": "Replayed", "email": customer_email})
    drop = tmp_path / "mails"
    drop.mkdir()
    broken = message(tag, 1, customer_email).replace(f"From: {customer_email}\n".encode(), b"")
    assert b"From:" not in broken
    (drop / "broken.eml").write_bytes(broken)
    name = f"replay-mail-{tag}"
    settings = odoo_settings_for([{"name": name, "kind": "eml", "options": {"path": str(drop)}}])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    assert report["failed"] == 1
    [letter] = boss.call(
        "crm.sync.dead.letter", "search_read", [("source_id.name", "=", name)], ["payload"]
    )
    fixed = f"From: {customer_email}\n" + letter["payload"]
    boss.call("crm.sync.dead.letter", "write", [letter["id"]], {"payload": fixed})
    boss.call("crm.sync.dead.letter", "action_replay", [letter["id"]])
    replayed = replay_source(settings, settings.source(name), OdooClient(settings.odoo))
    assert replayed.as_dict()["created"] == 1, replayed.as_dict()
    logged = odoo_server.sql(
        f"SELECT model, res_id FROM mail_message WHERE message_id = '<{tag}-1@client.example>'"
    )
    assert logged == [("res.partner", str(partner_id))]
    state = odoo_server.sql(f"SELECT state FROM crm_sync_dead_letter WHERE id = {letter['id']}")
    assert state == [("replayed",)]
