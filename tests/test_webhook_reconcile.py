"""The reconciling pull of a webhook source: where the provider also lists its
submissions in an API, the forwarder pulls that list (rest_json's code, the source's own
`fields`) into the same run under the same lease, so a delivery that never arrived is
caught and one that did counts as a duplicate, never a second lead."""

from __future__ import annotations

import time
import uuid

import pytest

from crm_sync.check import check_sources
from crm_sync.config import Settings, SourceSettings
from crm_sync.sources import SourceConfigError, build_source
from crm_sync.sources.rest_json import RestJsonSource
from tests import webhooks
from tests.form_providers import TypeformLike
from tests.loopback import FaultyProxy
from tests.test_webhook_e2e import facts, wait_for
from tests.webhooks import Receiver, typeform_headers, typeform_source, write_config


def reconciled(name: str, provider: TypeformLike, **options) -> dict:
    """A Typeform webhook source that also reads Typeform's responses API (the same
    options a `rest_json` source of it has, its URL as `reconcile_url`)."""
    pull = {
        "reconcile_url": provider.url,
        "items": "items",
        "pagination": "cursor",
        "cursor_param": "after",
        "next_from_item": "token",
        "size_param": "page_size",
        "page_size": 200,
        "auth": "bearer",
        "token_env": "TEST_TYPEFORM_TOKEN",
    }
    return typeform_source(name, **{**pull, **options})


@pytest.fixture
def secrets(monkeypatch):
    monkeypatch.setenv("TEST_TYPEFORM_SECRET", webhooks.TYPEFORM_SECRET)
    monkeypatch.setenv("TEST_TYPEFORM_TOKEN", TypeformLike.TOKEN)


@pytest.fixture
def provider():
    provider = TypeformLike(10, prefix=f"rc{uuid.uuid4().hex[:6]}")
    yield provider
    provider.close()


# ------------------------------------------------------------------- options, and check


def test_the_pull_options_are_rest_jsons_and_need_the_url(secrets, provider, monkeypatch):
    source = build_source(SourceSettings(**reconciled("tf", provider)))
    assert isinstance(source.pull, RestJsonSource)  # rest_json's code, not a copy
    assert source.pull.url == provider.url and source.pull.fields == source.fields
    assert build_source(SourceSettings(**typeform_source("plain"))).pull is None
    # pull options without the API to read them from: said, not ignored
    for stray in ({"auth": "bearer"}, {"reconcile_every_seconds": 60}, {"items": "items"}):
        with pytest.raises(ValueError, match="set reconcile_url too"):
            SourceSettings(**typeform_source("tf", **stray))
    with pytest.raises(ValueError, match="pagination"):  # rest_json's own validation
        SourceSettings(**reconciled("tf", provider, pagination="pages"))
    with pytest.raises(ValueError, match="reconcile_every_seconds"):
        SourceSettings(**reconciled("tf", provider, reconcile_every_seconds=1))
    monkeypatch.delenv("TEST_TYPEFORM_TOKEN")
    with pytest.raises(SourceConfigError, match="TEST_TYPEFORM_TOKEN"):
        build_source(SourceSettings(**reconciled("tf", provider)))


def test_check_reads_the_reconcile_api(secrets, provider):
    said: list[str] = []
    good = reconciled("good", provider)
    refused = reconciled("refused", provider, token_env="TEST_WRONG_TOKEN")
    settings = Settings(sources=[SourceSettings(**good), SourceSettings(**refused)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TEST_WRONG_TOKEN", "not-the-token")
        assert check_sources(settings, said.append) is False
    assert said[0].startswith("source good (webhook): ok (typeform signature")
    assert "reconciled every 3600 s from" in said[0]
    assert "10 submission(s) on the first page" in said[0]
    assert said[1].startswith("source refused: FAILED: HTTPError: 401")


# -------------------------------------------------------------------- end to end, in Odoo


@pytest.fixture
def serve_against_odoo(odoo_server, tmp_path, secrets):
    reason = webhooks.why_no_broker()
    if reason:
        pytest.skip(reason)
    prefix = f"crm-sync-rc-{uuid.uuid4().hex[:8]}"
    proxy = FaultyProxy(odoo_server.url)
    started: list[Receiver] = []
    names: list[str] = []

    def start(sources: list[dict]) -> Receiver:
        names.extend(source["name"] for source in sources)
        odoo = {
            "url": proxy.url,
            "database": odoo_server.database,
            "login": odoo_server.login,
            "api_key": odoo_server.api_key,
            "max_retries": 3,
            "timeout_seconds": 60,
        }
        config = write_config(
            tmp_path / "crm-sync.toml",
            sources,
            odoo=odoo,
            queue_prefix=prefix,
            batch_window_seconds=0.2,
            idle_close_seconds=60,
        )
        receiver = Receiver(config, webhooks.free_port())
        started.append(receiver)
        return receiver

    start.proxy = proxy
    yield start
    for receiver in started:
        receiver.stop()
    proxy.close()
    webhooks.delete_queues(prefix, names)


def delivery_of(response: dict) -> bytes:
    """Typeform's webhook delivery of one response: the same response the API lists."""
    import json

    body = {"event_id": uuid.uuid4().hex, "event_type": "form_response", "form_response": response}
    return json.dumps(body).encode("utf-8")


@pytest.mark.odoo
def test_a_reconciling_pull_catches_the_deliveries_that_never_arrived(
    odoo_server, serve_against_odoo, provider
):
    """10 submissions at the provider; 7 delivered by webhook, 3 never. The pull brings
    the 3, the 7 count as duplicates: 10 leads, each bound once, all in runs of the one
    forwarder (the same lease), and the provider's cursor kept in Odoo so that the next
    pull reads only what is new."""
    name = f"rc-{uuid.uuid4().hex[:6]}"
    submitted = provider.responses
    provider.responses = []  # the forwarder's first pull, at its start, finds nothing yet
    receiver = serve_against_odoo([reconciled(name, provider, reconcile_every_seconds=10)])
    deadline = time.monotonic() + 30
    while provider.requests < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert provider.requests == 1, receiver.output()[-2000:]
    provider.responses = submitted
    # one lost answer from Odoo after its commit, on the way: still once each
    serve_against_odoo.proxy.faults = {serve_against_odoo.proxy.count + 2: "drop-after"}
    delivered = [n for n in range(10) if n not in (2, 5, 8)]
    for n in delivered:
        body = delivery_of(submitted[n])
        assert receiver.post(name, body, typeform_headers(body)).status_code == 202
    wait_for(odoo_server, name, lambda f: f["fetched"] >= 17, seconds=60, receiver=receiver)
    # read again: `facts` asks in several queries, and the commit may fall between them
    found = facts(odoo_server, name)
    tokens = {response["token"] for response in submitted}
    assert found["bound"] == tokens and not found["bound_twice"]
    assert found["leads"] == 10
    assert (found["fetched"], found["created"], found["duplicate"]) == (17, 10, 7)
    missed = [submitted[n]["token"] for n in (2, 5, 8)]
    pulled = odoo_server.sql(
        "SELECT COUNT(*) FROM crm_lead l JOIN crm_sync_binding b ON b.res_id = l.id "
        f"AND b.res_model = 'crm.lead' WHERE b.external_id IN "
        f"({', '.join(repr(t) for t in missed)})"
    )
    assert pulled == [("3",)]
    workers = odoo_server.sql(
        "SELECT DISTINCT r.worker FROM crm_sync_run r JOIN crm_sync_source s "
        f"ON s.id = r.source_id WHERE s.name = '{name}'"
    )
    assert len(workers) == 1  # pushes and pulls, one worker's lease
    cursor = odoo_server.sql(f"SELECT cursor FROM crm_sync_source WHERE name = '{name}'")
    assert cursor == [(submitted[-1]["token"],)]
    # the next pull asks only after that token, finds nothing, counts nothing
    asked = provider.requests
    deadline = time.monotonic() + 30
    while provider.requests <= asked and time.monotonic() < deadline:
        time.sleep(0.2)
    assert provider.requests > asked
    time.sleep(1)
    again = facts(odoo_server, name)
    assert (again["fetched"], again["created"], again["duplicate"], again["leads"]) == (
        17,
        10,
        7,
        10,
    )


# ------------------------------------------------------- the forwarder's lane, Odoo played


def lane_for(url: str, source: dict):
    from pydantic import SecretStr

    from crm_sync.config import OdooSettings
    from crm_sync.odoo import OdooClient
    from crm_sync.receiver.forwarder import Lane

    settings = Settings(
        odoo=OdooSettings(url=url, api_key=SecretStr("key"), max_retries=0),
        sources=[SourceSettings(**source)],
    )
    return Lane(settings, settings.sources[0], OdooClient(settings.odoo), "worker-1")


def test_the_lane_pulls_page_by_page_into_its_run_and_keeps_the_cursor(
    secrets, provider, fake_odoo
):
    url, odoo = fake_odoo
    lane = lane_for(url, reconciled("tf", provider, page_size=4, reconcile_every_seconds=60))
    assert lane.reconcile_every == 60 and lane.reconciling_due(time.monotonic())
    for _ in range(3):  # 4 + 4 + 2: each page due at once while there are more
        lane.tick(time.monotonic())
    pushes = odoo.methods("sync_push_leads")
    assert [len(args[2]) for args, _kw in pushes] == [4, 4, 2]
    tokens = [response["token"] for response in provider.responses]
    assert [record["external_id"] for args, _kw in pushes for record in args[2]] == tokens
    # each page stores its cursor (the last token, as Typeform's `after`) with its batch
    assert [args[4] for args, _kw in pushes] == [tokens[3], tokens[7], tokens[9]]
    assert len(odoo.methods("sync_begin")) == 1  # one run, one lease, for all of it
    assert not lane.reconciling_due(time.monotonic())  # next in reconcile_every_seconds
    assert lane.reconcile_due - time.monotonic() > 55
    # a submission that appears later is read after the cursor, in the same run
    lane.reconcile_due = 0.0
    provider.responses.append(dict(provider.responses[0], token="late-one"))
    lane.tick(time.monotonic())
    last = odoo.methods("sync_push_leads")[-1][0]
    assert [record["external_id"] for record in last[2]] == ["late-one"]
    assert len(odoo.methods("sync_begin")) == 1


def test_a_failing_pull_leaves_the_pushes_alone(secrets, provider, fake_odoo):
    """The provider's API down: noted on the run and tried again later, backing off;
    the run stays open (not failed) for the deliveries."""
    url, odoo = fake_odoo
    lane = lane_for(url, reconciled("tf", provider))
    provider.close()
    lane.tick(time.monotonic())
    assert lane.run is not None and lane.run.report.error is None
    assert "the reconciling pull failed" in lane.run.report.warnings[0]
    assert 9 < lane.reconcile_due - time.monotonic() <= 10
    assert lane.failures == 0 and not odoo.methods("sync_push_leads")
