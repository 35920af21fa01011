"""The pipeline's side of the contract with Odoo: batch keys, replay by kind, the
configuration Odoo shows, run notes, and counts that add up."""

from __future__ import annotations

import json

import pytest
from pydantic import SecretStr

from crm_sync.config import OdooSettings, Settings, SourceSettings
from crm_sync.odoo import OdooClient
from crm_sync.pipeline import public_configuration, replay_source, run_source
from crm_sync.scheduler import Outcome, summary


def settings_for(url: str, source: dict, **values) -> Settings:
    return Settings(
        odoo=OdooSettings(url=url, api_key=SecretStr("k"), max_retries=3),
        sources=[SourceSettings(**source)],
        **values,
    )


def drop_folder(tmp_path, count: int):
    (tmp_path / "leads.jsonl").write_text(
        "".join(
            json.dumps({"id": f"r{n}", "email": f"p{n}@example.com"}) + "\n" for n in range(count)
        )
    )
    return {"name": "drop", "kind": "file", "options": {"path": str(tmp_path), "page_size": 10}}


def test_a_batch_answered_after_commit_then_lost_counts_once(fake_odoo, tmp_path):
    """Odoo commits the 2nd batch but its answer is lost (here: a 502 after the work);
    the worker sends it again with the same key, and counts it once: created 25, not
    created 15 + duplicate 10."""
    url, odoo = fake_odoo
    answer, pushes = odoo.answer, []

    def lose_the_second_answer(payload):
        status, body = answer(payload)
        if payload["params"]["args"][4:5] == ["sync_push_leads"]:
            pushes.append(payload["params"]["args"][6]["batch_key"])
            if len(pushes) == 2:
                return 502, None
        return status, body

    odoo.scripted.fallback = lose_the_second_answer
    settings = settings_for(url, drop_folder(tmp_path, 25), batch_size=10)
    report = run_source(settings, settings.sources[0], OdooClient(settings.odoo)).as_dict()
    assert len(pushes) == 4 and pushes[1] == pushes[2]  # the retry kept its key
    assert len(set(pushes)) == 3
    assert (report["fetched"], report["created"], report["duplicate"]) == (25, 25, 0)


def test_batch_keys_are_the_same_when_the_same_page_is_read_again(fake_odoo, tmp_path):
    url, odoo = fake_odoo
    settings = settings_for(url, drop_folder(tmp_path, 12), batch_size=5)
    for _ in range(2):  # the fake Odoo never stores the cursor: both runs read from the start
        run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    keys = [kwargs["batch_key"] for _args, kwargs in odoo.methods("sync_push_leads")]
    assert len(keys) == 6 and keys[:3] == keys[3:] and len(set(keys)) == 3


def test_dead_letters_are_replayed_through_their_kind(fake_odoo, tmp_path):
    """A mail's dead letter is parsed as a mail again and goes to sync_push_emails; a
    lead's goes to sync_push_leads, each with its letter id."""
    url, odoo = fake_odoo
    mail = "From: Sara <sara@client.example>\r\nMessage-ID: <r1@x>\r\nSubject: hi\r\n\r\nbody\r\n"
    odoo.letters = [
        {"id": 7, "external_id": "INBOX:1:3", "payload": mail, "kind": "email"},
        {"id": 8, "external_id": "f-1", "payload": '{"id": "f-1", "email": "a@b.example"}',
         "kind": "lead"},
        {"id": 9, "external_id": "x", "payload": "no mail at all", "kind": "email"},
    ]  # fmt: skip
    settings = settings_for(url, {"name": "drop", "kind": "file", "options": {"path": "."}})
    report = replay_source(settings, settings.sources[0], OdooClient(settings.odoo)).as_dict()
    ((email_args, _),) = odoo.methods("sync_push_emails")
    mails, rejected = email_args[2], email_args[3]
    assert [m["message_id"] for m in mails] == ["<r1@x>"] and mails[0]["dead_letter_id"] == 7
    assert rejected[0]["dead_letter_id"] == 9 and "no From" in rejected[0]["reason"]
    ((lead_args, _),) = odoo.methods("sync_push_leads")
    assert lead_args[2] == [{"external_id": "f-1", "email": "a@b.example", "dead_letter_id": 8}]
    assert (report["fetched"], report["created"], report["failed"]) == (3, 2, 1)


def test_secrets_are_masked_at_any_depth_before_odoo_shows_them():
    source = SourceSettings(
        name="website",
        kind="rest_json",
        options={
            "url": "https://forms:hunter2@forms.example/api?api_key=k-123&form=7",
            "headers": {"X-Api-Key": "hdr-secret", "Accept": "application/json"},
            "params": {"access_token": "tok-456", "page_size_hint": "5"},
            "token_env": "FORMS_TOKEN",
        },
    )
    shown = public_configuration(source)
    for secret in ("hunter2", "k-123", "hdr-secret", "tok-456"):
        assert secret not in shown
    data = json.loads(shown)
    assert data["url"] == "https://forms:***@forms.example/api?api_key=***&form=7"
    assert data["headers"] == {"X-Api-Key": "***", "Accept": "application/json"}
    assert data["token_env"] == "FORMS_TOKEN" and data["kind"] == "rest_json"


def test_page_warnings_are_noted_on_the_run(fake_odoo, rest_provider_full):
    url, odoo = fake_odoo
    source = {
        "name": "web",
        "kind": "rest_json",
        "options": {
            "url": rest_provider_full.url,
            "pagination": "cursor",
            "next_path": "links.next",
            "page_size": 10,
        },
    }
    settings = settings_for(url, source)
    report = run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    ((_args, kwargs),) = odoo.methods("sync_end")
    assert kwargs["warnings"] == report.warnings and "no next cursor" in report.warnings[0]
    assert "WARNING: web: a full page of 10 items" in summary(Outcome("web", report=report))


def test_an_addon_without_run_notes_still_closes_the_run(fake_odoo, rest_provider_full):
    url, odoo = fake_odoo

    def old_sync_end(model, run_id, worker, error=False):
        return True

    odoo._sync_end = old_sync_end
    answer = odoo.answer

    refused = []

    def strict(payload):  # an older addon: an unknown keyword is a TypeError
        params = payload["params"]
        if params.get("args", [None] * 7)[4:5] == ["sync_end"] and params["args"][6]:
            refused.extend(params["args"][6])
            error = {
                "message": "Odoo Server Error",
                "data": {
                    "name": "builtins.TypeError",
                    "message": "sync_end() got an unexpected keyword argument 'warnings'",
                },
            }
            return 200, {"jsonrpc": "2.0", "id": payload["id"], "error": error}
        return answer(payload)

    odoo.scripted.fallback = strict
    source = {
        "name": "web",
        "kind": "rest_json",
        "options": {
            "url": rest_provider_full.url,
            "pagination": "cursor",
            "next_path": "x",
            "page_size": 10,
        },
    }
    settings = settings_for(url, source)
    run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    assert refused == ["warnings"]  # asked with the note first, refused by the old addon
    assert [kwargs for _args, kwargs in odoo.methods("sync_end")] == [{}]  # closed all the same


def test_email_runs_print_skipped_and_their_counts_add_up(fake_odoo, tmp_path):
    url, odoo = fake_odoo

    def push_emails(model, run_id, worker, mails, rejected, cursor, lease=None, **kw):
        return [
            {"external_id": m["message_id"], "status": "skipped" if m["auto_submitted"]
             else "created"} for m in mails
        ] + [{"external_id": r["external_id"], "status": "failed"} for r in rejected]  # fmt: skip

    odoo._sync_push_emails = push_emails
    for n, extra in enumerate(["", "Auto-Submitted: auto-replied\r\n", "", "Precedence: bulk\r\n"]):
        (tmp_path / f"{n}.eml").write_bytes(
            f"From: c@client.example\r\nMessage-ID: <{n}@x>\r\n{extra}\r\nhi\r\n".encode()
        )
    (tmp_path / "9.eml").write_bytes(b"Subject: no sender\r\n\r\n")
    settings = settings_for(
        url, {"name": "mails", "kind": "eml", "options": {"path": str(tmp_path)}}
    )
    report = run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    data = report.as_dict()
    assert (data["created"], data["skipped"], data["failed"]) == (2, 2, 1)
    outcomes = ("created", "updated", "duplicate", "skipped", "failed")
    assert data["fetched"] == sum(data[k] for k in outcomes) == 5
    assert "skipped 2, failed 1" in summary(Outcome("mails", report=report))


@pytest.fixture
def rest_provider_full():
    from tests.loopback import WebFormProvider

    provider = WebFormProvider()
    provider.submissions = [{"id": f"s{n}", "email": f"s{n}@example.com"} for n in range(30)]
    yield provider
    provider.close()


def test_a_source_that_cannot_be_built_fails_its_run(fake_odoo, monkeypatch):
    """An unset secret variable is found when the run starts: the run is closed as
    failed with the variable named, not left running."""
    from crm_sync.sources import SourceConfigError

    url, odoo = fake_odoo
    monkeypatch.delenv("FORMS_TOKEN", raising=False)
    source = {"name": "web", "kind": "rest_json", "options": {
        "url": "http://127.0.0.1:9/", "auth": "bearer", "token_env": "FORMS_TOKEN"}}  # fmt: skip
    settings = settings_for(url, source)
    with pytest.raises(SourceConfigError):
        run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    ((args, _kwargs),) = odoo.methods("sync_end")
    assert "FORMS_TOKEN" in args[2]
