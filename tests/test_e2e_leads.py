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
                # a bad one has no way to reach the person: a wrong email and no phone
                "email": "not-an-email" if bad else f"{prefix}.{n}@example.com",
                "phone": "" if bad else "۰۹۱۲" + f"{offset + n:07d}".translate(PERSIAN_DIGITS),
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
        "SELECT fetched_count, created_count + updated_count + duplicate_count + skipped_count "
        "+ failed_count "
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


def test_soap_form_service_into_odoo(odoo_server, odoo_settings_for, tmp_path, monkeypatch):
    """The SOAP source end to end; the configuration Odoo shows holds no secret."""
    from tests.soap_service import SoapFormService

    service = SoapFormService()
    name = f"soap-{uuid.uuid4().hex[:6]}"
    service.submissions = [
        {"id": f"{name}-{n}", "name": f"Caller {n}", "email": f"{name}.{n}@example.com"}
        for n in range(35)
    ]
    options = {
        # a secret left in a URL's query by mistake (a secret option is refused outright)
        "wsdl": service.wsdl + "&token=oops-a-secret-in-the-file",
        "operation": "GetSubmissions",
        "page_size": 10,
        "username": "forms",
        "password_env": "SOAP_PASSWORD",
        "wsdl_cache": str(tmp_path / "wsdl.db"),
        "fields": {"contact_name": "name"},
    }
    monkeypatch.setenv("SOAP_PASSWORD", "from-the-environment")
    settings = odoo_settings_for([{"name": name, "kind": "soap", "options": options}])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    service.close()
    assert report["created"] == 35
    shown = odoo_server.sql(f"SELECT configuration FROM crm_sync_source WHERE name = '{name}'")[0][
        0
    ]
    assert "oops-a-secret" not in shown and "SOAP_PASSWORD" in shown


# ------------------------------------------------------------------ issue 10: the fault suite


def admin(odoo_server) -> OdooClient:
    from pydantic import SecretStr

    from crm_sync.config import OdooSettings

    return OdooClient(
        OdooSettings(
            url=odoo_server.url,
            database=odoo_server.database,
            login="admin",
            api_key=SecretStr("admin"),
        )
    )


def run_counts(odoo_server, name: str) -> list[dict]:
    rows = odoo_server.sql(
        "SELECT r.fetched_count, r.created_count, r.updated_count, r.duplicate_count, "
        "r.skipped_count, r.failed_count, r.state FROM crm_sync_run r JOIN crm_sync_source s "
        f"ON s.id = r.source_id WHERE s.name = '{name}' ORDER BY r.id"
    )
    keys = ("fetched", "created", "updated", "duplicate", "skipped", "failed")
    return [
        {**{k: int(v or 0) for k, v in zip(keys, row[:6], strict=True)}, "state": row[6]}
        for row in rows
    ]


def test_the_poison_record_stalls_nothing(odoo_server, provider, odoo_settings_for):
    """A submission whose phone is a contact's of another company made the batch's one
    create fail ("Incompatible companies") on every run. Now the batch goes through, the
    lead is never tied to the other company's contact, and the cursor moves on."""
    boss = admin(odoo_server)
    tag = uuid.uuid4().hex[:6]
    other = boss.call("res.company", "create", {"name": f"Other company {tag}"})
    phone = "+98912" + f"{zlib.crc32(tag.encode()) % 10_000_000:07d}"
    foreign = boss.call(
        "res.partner", "create", {"name": "Someone else's customer", "phone": phone,
                                  "company_id": other},
    )  # fmt: skip
    name = f"poison-{tag}"
    rows = submissions(name, 30)
    rows[7]["phone"] = phone
    rows[7]["email"] = ""  # reachable by that phone only
    provider.submissions = rows
    settings = odoo_settings_for([source(name, provider, page_size=50)])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    assert report["error"] is None
    facts = odoo_facts(odoo_server, name)
    others = {r["id"] for r in rows} - {rows[7]["id"]}
    assert others <= facts["bound"] and not facts["bound_twice"]
    if rows[7]["id"] in facts["bound"]:  # imported: never tied to the other company's contact
        partner = odoo_server.sql(
            "SELECT COALESCE(l.partner_id, 0) FROM crm_lead l JOIN crm_sync_binding b "
            "ON b.res_model = 'crm.lead' AND b.res_id = l.id "
            f"WHERE b.external_id = '{rows[7]['id']}'"
        )
        assert int(partner[0][0]) != foreign
    else:  # or refused alone, with Odoo's own reason
        assert facts["dead"] == {rows[7]["id"]}
    again = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    assert again["error"] is None and again["created"] == 0  # no stall, nothing new


def test_the_same_person_twice_in_one_batch_is_one_lead(odoo_server, provider, odoo_settings_for):
    """The same email in another case and with spaces, the same phone in international
    and Persian-digit national form: two people, two leads, four bindings."""
    tag = uuid.uuid4().hex[:6]
    number = f"{zlib.crc32(tag.encode()) % 10_000_000:07d}"
    national = "۰۹۱۲" + number.translate(PERSIAN_DIGITS)
    international = f"+98 912 {number[:3]} {number[3:]}"
    name = f"twice-{tag}"
    provider.submissions = [
        {"id": f"{name}-1", "name": "Sara", "email": f"Sara.{tag}@Example.com"},
        {"id": f"{name}-2", "name": "Sara", "email": f"  sara.{tag}@example.COM "},
        {"id": f"{name}-3", "name": "Ali", "phone": international},
        {"id": f"{name}-4", "name": "Ali", "phone": national},
    ]
    settings = odoo_settings_for([source(name, provider)])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    facts = odoo_facts(odoo_server, name)
    assert facts["leads"] == 2, facts
    assert len(facts["bound"]) == 4 and not facts["dead"]
    assert report["created"] == 2 and report["fetched"] == 4
    assert facts["runs_add_up"]


def test_an_answer_dropped_after_commit_counts_exactly(odoo_server, provider, odoo_settings_for):
    """Odoo commits batches whose answers are then lost: the retries carry their batch
    keys, Odoo answers what it stored, and both the worker's summary and Odoo's run count
    every submission exactly once (not created 2,379 printed / 3,125 fetched)."""
    name = f"dropped-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 300, bad_every=30)
    provider.submissions = rows
    proxy = FaultyProxy(odoo_server.url)
    proxy.faults = {3: "drop-after", 4: "drop-after", 7: "drop-after", 10: "drop-after"}
    try:
        settings = odoo_settings_for([source(name, provider, page_size=50)], url=proxy.url)
        report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    finally:
        proxy.close()
    assert (report["fetched"], report["created"], report["failed"]) == (300, 290, 10), report
    assert report["duplicate"] == 0
    [run] = run_counts(odoo_server, name)
    assert (run["fetched"], run["created"], run["failed"], run["duplicate"]) == (300, 290, 10, 0)
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 30)


def test_a_run_within_a_killed_workers_lease(odoo_server, tmp_path):
    """SIGKILL, then at once another run: it is turned away with who holds the lease and
    until when, and exit code 75; once the lease expires the next run closes the orphan
    run as aborted and imports the rest, exactly once."""
    from tests.loopback import WebFormProvider

    slow = WebFormProvider(delay=0.2)
    name = f"within-{uuid.uuid4().hex[:6]}"
    rows = submissions(name, 200, bad_every=40)
    slow.submissions = rows
    config = _config(tmp_path, odoo_server, slow, name, lease=8)
    worker = _worker(config, name)
    time.sleep(2.0)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    turned_away = _worker(config, name)
    output = turned_away.communicate(timeout=60)[0]
    assert turned_away.returncode == EXIT_LEASED, output
    assert f"{name}: skipped, leased by " in output and " until 20" in output
    time.sleep(9)  # the dead worker's lease expires
    last = _worker(config, name)
    output = last.communicate(timeout=300)[0]
    slow.close()
    assert last.returncode == 0, output
    states = [run["state"] for run in run_counts(odoo_server, name)]
    assert states == ["aborted", "done"], states
    assert_exactly_once(odoo_facts(odoo_server, name), rows, 40)


@pytest.mark.parametrize("shape", ["typeform", "gravity"])
def test_form_providers_by_configuration_alone_into_odoo(
    odoo_server, odoo_settings_for, monkeypatch, shape
):
    """1,000 submissions of each provider shape, every one a lead, names joined."""
    from tests import form_providers

    tag = uuid.uuid4().hex[:4]
    if shape == "typeform":
        provider = form_providers.TypeformLike(1000, prefix=f"tf{tag}")
        monkeypatch.setenv("TYPEFORM_TOKEN", provider.TOKEN)
        config = form_providers.typeform_source(provider, name=f"typeform-{tag}")
    else:
        provider = form_providers.GravityFormsLike(1000, prefix=f"gf{tag}")
        monkeypatch.setenv("GRAVITY_PASSWORD", provider.PASSWORD)
        config = form_providers.gravity_source(provider, name=f"gravity-{tag}")
    name = config["name"]
    settings = odoo_settings_for([config])
    try:
        report = run_source(settings, settings.source(name), OdooClient(settings.odoo)).as_dict()
    finally:
        provider.close()
    assert report["created"] == 1000 and report["failed"] == 0, report
    facts = odoo_facts(odoo_server, name)
    assert len(facts["bound"]) == 1000 and facts["leads"] == 1000 and not facts["dead"]
    empty = odoo_server.sql(
        "SELECT COUNT(*) FROM crm_lead l JOIN crm_sync_source s ON s.id = l.sync_source_id "
        f"WHERE s.name = '{name}' AND COALESCE(l.contact_name, '') = ''"
    )
    assert empty == [("0",)]


def test_check_against_the_real_odoo(odoo_server, tmp_path):
    """`crm-sync check` as the operator runs it: the integration user passes; without its
    API key it names the variable to set."""
    from tests.loopback import WebFormProvider

    provider = WebFormProvider()
    config = _config(tmp_path, odoo_server, provider, "check-web")
    env = {**os.environ, "CRM_SYNC_CONFIG": str(config)}
    command = [sys.executable, "-m", "crm_sync.cli", "check"]
    try:
        ok = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        text = config.read_text().replace(f'api_key = "{odoo_server.api_key}"\n', "")
        config.write_text(text)
        env.pop("CRM_SYNC_ODOO__API_KEY", None)
        keyless = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    finally:
        provider.close()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "user crm-sync: ok (Internal User, integration group, rights)" in ok.stdout
    assert "source check-web (rest_json): ok (0 submission(s) on the first page)" in ok.stdout
    assert keyless.returncode == 3 and "set CRM_SYNC_ODOO__API_KEY" in keyless.stdout
