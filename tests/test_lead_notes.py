"""What a form got wrong beside a way to reach the person travels to Odoo as notes (codes
with parameters), which the addon writes on the lead in its readers' language; an addon
that predates notes gets them in English in the description, as before."""

from __future__ import annotations

import json
import uuid

import pytest
from pydantic import SecretStr

from crm_sync.config import OdooSettings, Settings, SourceSettings
from crm_sync.odoo import OdooClient
from crm_sync.pipeline import OLD_ADDON_NOTES, run_source


def settings_for(url: str, tmp_path, rows: list[dict], **values) -> Settings:
    (tmp_path / "leads.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    source = {"name": "drop", "kind": "file", "options": {"path": str(tmp_path), "page_size": 10}}
    return Settings(
        odoo=OdooSettings(url=url, api_key=SecretStr("k"), max_retries=0),
        sources=[SourceSettings(**source)],
        **values,
    )


ROWS = [
    {"id": "r1", "email": "sara@@example.com", "phone": "09123456789", "message": "<p>Hi</p>"},
    {"id": "r2", "email": "ok@example.com"},
    {"id": "r3", "email": "ali@example.com", "phone": "12"},
]


def sent_records(odoo) -> list[dict]:
    return [record for args, _kwargs in odoo.methods("sync_push_leads") for record in args[2]]


def test_notes_travel_as_codes_to_an_addon_that_renders_them(fake_odoo, tmp_path):
    url, odoo = fake_odoo
    odoo._sync_lead_capabilities = lambda model: {"notes": True}
    settings = settings_for(url, tmp_path, ROWS, batch_size=2)
    report = run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    first, second, third = sent_records(odoo)
    assert first["description"] == "<p>Hi</p>", "no English in the description"
    assert [(n["code"], n["params"]) for n in first["notes"]] == [
        ("email_invalid", {"value": "sara@@example.com"})
    ]
    assert first["notes"][0]["detail"].startswith("the email address 'sara@@example.com'")
    assert "notes" not in second and "description" not in third
    assert [n["code"] for n in third["notes"]] == ["phone_invalid"]
    # asked once per run, though two batches carried notes
    assert len(odoo.methods("sync_push_leads")) == 2
    assert len(odoo.methods("sync_lead_capabilities")) == 1
    assert report.warnings == []


def test_an_addon_that_predates_notes_gets_them_in_english(fake_odoo, tmp_path):
    """Its importer would ignore a `notes` key and lose what the form got wrong."""
    url, odoo = fake_odoo

    def old_addon(model):
        raise LookupError(
            "The method 'sync_lead_capabilities' does not exist on the model 'crm.sync.lead.import'"
        )

    odoo._sync_lead_capabilities = old_addon
    settings = settings_for(url, tmp_path, ROWS)
    report = run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    first, second, third = sent_records(odoo)
    assert all("notes" not in record for record in (first, second, third))
    assert first["description"].startswith("<p>Hi</p><p>The email address 'sara@@example.com'")
    assert third["description"].startswith("<p>The phone number '12' is not a valid number")
    assert "description" not in second
    assert report.as_dict()["created"] == 3 and report.error is None
    ((_args, kwargs),) = odoo.methods("sync_end")
    assert kwargs["warnings"] == [OLD_ADDON_NOTES], "the run tells the operator to upgrade"


def test_a_batch_without_notes_asks_nothing(fake_odoo, tmp_path):
    url, odoo = fake_odoo
    settings = settings_for(url, tmp_path, [ROWS[1]])
    run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    assert odoo.methods("sync_lead_capabilities") == []
    assert sent_records(odoo) == [{"external_id": "r2", "email": "ok@example.com"}]


def test_any_other_error_of_the_question_fails_the_run_clearly(fake_odoo, tmp_path):
    url, odoo = fake_odoo

    def denied(model):
        raise LookupError("Access Denied")

    odoo._sync_lead_capabilities = denied
    settings = settings_for(url, tmp_path, ROWS)
    report = run_source_catching(settings, odoo)
    assert "Access Denied" in report
    assert odoo.methods("sync_push_leads") == [], "nothing sent with its notes lost"


def run_source_catching(settings, odoo) -> str:
    try:
        run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    except Exception as exc:  # the run's error, as the scheduler sees it
        ((args, _kwargs),) = odoo.methods("sync_end")
        assert args[2] and "Access Denied" in args[2]
        return str(exc)
    raise AssertionError("the run did not fail")


@pytest.mark.odoo
def test_a_real_addon_writes_the_note_itself(odoo_server, provider, odoo_settings_for):
    """Over Odoo's real RPC: the worker's question is answered, and the note on the lead
    is Odoo's rendering (its isolates around the address), not the worker's English."""
    name = f"notes-{uuid.uuid4().hex[:6]}"
    provider.submissions = [
        {"id": f"{name}-1", "email": "sara@@example.com", "phone": "09123450001",
         "message": "<p>Hi</p>"},
    ]  # fmt: skip
    source = {
        "name": name,
        "kind": "rest_json",
        "options": {"url": provider.url, "pagination": "page", "page_size": 10},
    }
    settings = odoo_settings_for([source])
    report = run_source(settings, settings.source(name), OdooClient(settings.odoo))
    assert report.as_dict()["created"] == 1 and report.warnings == []
    [(description,)] = odoo_server.sql(
        "SELECT l.description FROM crm_lead l JOIN crm_sync_source s ON s.id = l.sync_source_id "
        f"WHERE s.name = '{name}'"
    )
    assert description == (
        "<p>Hi</p><p>The email address \u2068sara@@example.com\u2069 is not valid.</p>"
    )
