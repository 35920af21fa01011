"""Web-form leads into a real Odoo 18, through the worker, with faults on the way.

After every fault every submission is in Odoo exactly once, the bad ones are dead letters,
and the run counts add up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
import zlib

import pytest

from crm_sync.odoo import OdooClient
from crm_sync.pipeline import run_source
from crm_sync.scheduler import EXIT_LEASED
from tests.loopback import FaultyProxy

pytestmark = pytest.mark.odoo
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def submissions(prefix: str, count: int, bad_every: int = 0) -> list[dict]:
    """Distinct emails and phones per prefix (a phone seen before would match that lead)."""
    offset = zlib.crc32(prefix.encode()) % 9_000_000
    rows = []
    for n in range(count):
        bad = bad_every and n % bad_every == bad_every - 1
        rows.append(
            {
                "id": f"{prefix}-{n}",
                "subject": f"Web form {n}",
                "name": f"Visitor {n}",
                "email": "not-an-email" if bad else f"{prefix}.{n}@example.com",
                "phone": "۰۹۱۲" + f"{offset + n:07d}".translate(PERSIAN_DIGITS),
                "message": "<p>Call me</p><script>alert(1)</script>",
                "submitted_at": f"2026-11-{1 + n % 28:02d}T10:00:00",
            }
        )
    return rows


def source(name: str, provider, page_size: int = 50) -> dict:
    return {
        "name": name,
        "kind": "rest_json",
        "options": {"url": provider.url, "pagination": "page", "page_size": page_size},
    }


def odoo_facts(odoo_server, name: str) -> dict:
    leads = odoo_server.sql(
        "SELECT b.external_id, COUNT(*) FROM crm_sync_binding b "
        "JOIN crm_sync_source s ON s.id = b.source_id "
        f"WHERE s.name = '{name}' GROUP BY b.external_id"
    )
    lead_count = odoo_server.sql(
        "SELECT COUNT(*) FROM crm_lead l JOIN crm_sync_source s ON s.id = l.sync_source_id "
        f"WHERE s.name = '{name}'"
    )[0][0]
    letters = odoo_server.sql(
        "SELECT DISTINCT d.external_id FROM crm_sync_dead_letter d "
        f"JOIN crm_sync_source s ON s.id = d.source_id WHERE s.name = '{name}'"
    )
    runs = odoo_server.sql(
        "SELECT fetched_count, created_count + updated_count + duplicate_count + failed_count "
        f"FROM crm_sync_run r JOIN crm_sync_source s ON s.id = r.source_id WHERE s.name = '{name}'"
    )
    return {
        "bound": {external_id for external_id, _count in leads},
        "bound_twice": [external_id for external_id, count in leads if int(count) > 1],
        "leads": int(lead_count),
        "dead": {row[0] for row in letters},
        "runs_add_up": all(fetched == parts for fetched, parts in runs),
    }


def assert_exactly_once(facts: dict, rows: list[dict], bad_every: int) -> None:
    bad = {r["id"] for i, r in enumerate(rows) if bad_every and i % bad_every == bad_every - 1}
    good = {r["id"] for r in rows} - bad
    assert facts["bound"] == good
    assert not facts["bound_twice"]
    assert facts["leads"] == len(good)
    assert facts["dead"] == bad
    assert facts["runs_add_up"]


def test_leads_land_once_and_bad_ones_are_dead_letters(odoo_server, provider, odoo_settings_for):
    name = f"web-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 230, bad_every=23)
    provider.submissions = rows
    settings = odoo_settings_for([source(name, provider)])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo))
    assert report.as_dict()["created"] == 220
    assert report.as_dict()["failed"] == 10
    facts = odoo_facts(odoo_server, name)
    assert_exactly_once(facts, rows, 23)
    lead = odoo_server.sql(
        "SELECT phone, description, email_from FROM crm_lead "
        f"WHERE email_from = '{name}.1@example.com'"
    )[0]
    assert lead[0].startswith("+98912")
    assert "<script" not in lead[1]
    # new submissions arrive; the next run takes only what is new
    provider.submissions += submissions(name + "-b", 30)
    again = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    assert again["created"] == 30
    # the partial last page is read again: its good records are duplicates, its two bad
    # ones stay one dead letter each
    assert (again["duplicate"], again["failed"]) == (28, 2)
    letters = odoo_server.sql(
        "SELECT COUNT(*) FROM crm_sync_dead_letter d JOIN crm_sync_source s ON s.id = d.source_id "
        f"WHERE s.name = '{name}'"
    )
    assert int(letters[0][0]) == 10


def test_odoo_answering_502_and_dropping_the_connection(odoo_server, provider, odoo_settings_for):
    """The 3rd call gets a 502 (retried); the 5th is done by Odoo but its answer is lost,
    so the worker sends the same batch again and the bindings make it harmless."""
    name = f"faults-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 200, bad_every=40)
    provider.submissions = rows
    proxy = FaultyProxy(odoo_server.url)
    proxy.faults = {3: "502", 5: "drop-after", 9: "502", 10: "drop-after"}
    try:
        settings = odoo_settings_for([source(name, provider, page_size=40)], url=proxy.url)
        run_source(settings, settings.source(name), OdooClient(settings.odoo))
    finally:
        proxy.close()
    assert proxy.count > 10
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 40)


def test_odoo_restarted_during_a_run(odoo_server, odoo_settings_for):
    from tests.loopback import WebFormProvider

    slow = WebFormProvider(delay=0.3)
    name = f"restart-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 300, bad_every=50)
    slow.submissions = rows
    settings = odoo_settings_for([source(name, slow, page_size=20)], max_retries=8)
    outcome = {}

    def work():
        try:
            outcome["report"] = run_source(
                settings, settings.source(name), OdooClient(settings.odoo)
            )
        except Exception as exc:  # the test reports it below
            outcome["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(1.5)
    odoo_server.stop()
    time.sleep(1)
    odoo_server.start()
    thread.join(300)
    slow.close()
    if "error" in outcome:  # a run cut short is resumed by the next one, from the cursor
        run_source(settings, settings.source(name), OdooClient(settings.odoo))
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 50)


def _worker(config_path, name) -> subprocess.Popen:
    env = {**os.environ, "CRM_SYNC_CONFIG": str(config_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "crm_sync.cli", "run", "--once", "--source", name],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _config(tmp_path, odoo_server, provider, name, page_size=20, lease=5):
    path = tmp_path / "crm-sync.toml"
    path.write_text(
        f"""
lease_seconds = {lease}
[odoo]
url = "{odoo_server.url}"
database = "{odoo_server.database}"
login = "{odoo_server.login}"
api_key = "{odoo_server.api_key}"
[[sources]]
name = "{name}"
kind = "rest_json"
options = {{ url = "{provider.url}", pagination = "page", page_size = {page_size} }}
""",
        encoding="utf-8",
    )
    return path


def test_worker_killed_with_sigkill_mid_run(odoo_server, tmp_path):
    from tests.loopback import WebFormProvider

    slow = WebFormProvider(delay=0.2)
    name = f"kill-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 300, bad_every=30)
    slow.submissions = rows
    config = _config(tmp_path, odoo_server, slow, name)
    worker = _worker(config, name)
    time.sleep(2.0)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    half = odoo_facts(odoo_server, name)
    assert len(half["bound"]) < 270, "killed before the run could finish"
    time.sleep(6)  # the dead worker's lease expires
    second = _worker(config, name)
    output = second.communicate(timeout=300)[0]
    slow.close()
    assert second.returncode == 0, output
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 30)


def test_two_workers_on_one_source(odoo_server, tmp_path):
    from tests.loopback import WebFormProvider

    slow = WebFormProvider(delay=0.2)
    name = f"twins-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 200, bad_every=25)
    slow.submissions = rows
    config = _config(tmp_path, odoo_server, slow, name, lease=60)
    first, second = _worker(config, name), _worker(config, name)
    outputs = [first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]]
    slow.close()
    # the one turned away exits with its own code (75), so a cron job can tell
    assert {first.returncode, second.returncode} <= {0, EXIT_LEASED}, outputs
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 25)
    # the lease kept them apart: one was turned away, or their runs did not overlap
    runs = odoo_server.sql(
        "SELECT r.started_at, r.ended_at FROM crm_sync_run r JOIN crm_sync_source s "
        f"ON s.id = r.source_id WHERE s.name = '{name}' ORDER BY r.started_at"
    )
    skipped = any("skipped, leased by" in out for out in outputs)
    assert skipped or (len(runs) == 2 and runs[0][1] <= runs[1][0]), (outputs, runs)


def test_soap_form_service_into_odoo(odoo_server, odoo_settings_for, tmp_path):
    """The SOAP source end to end; the configuration Odoo shows holds no secret."""
    from tests.soap_service import SoapFormService

    service = SoapFormService()
    name = f"soap-{uuid.uuid4().hex[:6]}"
    service.submissions = [
        {"id": f"{name}-{n}", "name": f"Caller {n}", "email": f"{name}.{n}@example.com"}
        for n in range(35)
    ]
    options = {
        "wsdl": service.wsdl,
        "operation": "GetSubmissions",
        "page_size": 10,
        "username": "forms",
        "password": "oops-a-secret-in-the-file",
        "password_env": "SOAP_PASSWORD",
        "wsdl_cache": str(tmp_path / "wsdl.db"),
        "fields": {"contact_name": "name"},
    }
    settings = odoo_settings_for([{"name": name, "kind": "soap", "options": options}])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    service.close()
    assert report["created"] == 35
    shown = odoo_server.sql(f"SELECT configuration FROM crm_sync_source WHERE name = '{name}'")[0][
        0
    ]
    assert "oops-a-secret" not in shown and "SOAP_PASSWORD" in shown
