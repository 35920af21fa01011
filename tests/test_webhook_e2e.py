"""Push intake end to end: a provider posts signed deliveries to `crm-sync serve` (a real
uvicorn in its own process), the receiver stores them in the real RabbitMQ, the forwarder
takes them through the pipeline into a real Odoo 18. Every submission lands exactly once
whatever breaks on the way (a retried delivery, an answer lost, Odoo down, the receiver
killed), and what cannot become a lead is a dead letter with its reason."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from tests import webhooks
from tests.loopback import FaultyProxy
from tests.webhooks import (
    Receiver,
    forms_body,
    hmac_headers,
    hmac_source,
    typeform_body,
    typeform_headers,
    typeform_source,
    write_config,
)

pytestmark = pytest.mark.odoo


@pytest.fixture
def push(odoo_server, tmp_path):
    """Starts receivers against the test Odoo (through a proxy that can break the way),
    each source with its own queue; stops them and deletes the queues afterwards."""
    reason = webhooks.why_no_broker()
    if reason:
        pytest.skip(reason)
    prefix = f"crm-sync-e2e-{uuid.uuid4().hex[:8]}"
    proxy = FaultyProxy(odoo_server.url)
    started: list[Receiver] = []
    names: list[str] = []

    def start(sources: list[dict], *args: str, command: str = "serve") -> Receiver:
        names.extend(source["name"] for source in sources)
        odoo = {
            "url": proxy.url,
            "database": odoo_server.database,
            "login": odoo_server.login,
            "api_key": odoo_server.api_key,
            "max_retries": 2,
            "timeout_seconds": 60,
        }
        config = write_config(
            tmp_path / "crm-sync.toml",
            sources,
            odoo=odoo,
            queue_prefix=prefix,
            batch_window_seconds=0.2,
            idle_close_seconds=2,
        )
        receiver = Receiver(config, webhooks.free_port(), *args, command=command)
        started.append(receiver)
        return receiver

    start.proxy = proxy
    start.prefix = prefix
    yield start
    for receiver in started:
        receiver.stop()
    proxy.close()
    webhooks.delete_queues(prefix, names)


def facts(odoo_server, name: str) -> dict:
    bound = odoo_server.sql(
        "SELECT b.external_id, COUNT(*) FROM crm_sync_binding b JOIN crm_sync_source s "
        f"ON s.id = b.source_id WHERE s.name = '{name}' GROUP BY b.external_id"
    )
    leads = odoo_server.sql(
        "SELECT COUNT(*) FROM crm_lead l JOIN crm_sync_source s ON s.id = l.sync_source_id "
        f"WHERE s.name = '{name}'"
    )
    letters = odoo_server.sql(
        "SELECT d.external_id, d.reason FROM crm_sync_dead_letter d JOIN crm_sync_source s "
        f"ON s.id = d.source_id WHERE s.name = '{name}'"
    )
    runs = odoo_server.sql(
        "SELECT COALESCE(SUM(fetched_count), 0), COALESCE(SUM(created_count), 0), "
        "COALESCE(SUM(duplicate_count), 0), COALESCE(SUM(failed_count), 0) FROM crm_sync_run r "
        f"JOIN crm_sync_source s ON s.id = r.source_id WHERE s.name = '{name}'"
    )
    fetched, created, duplicate, failed = (int(value) for value in runs[0])
    return {
        "bound": {external_id for external_id, _count in bound},
        "bound_twice": [external_id for external_id, count in bound if int(count) > 1],
        "leads": int(leads[0][0]),
        "dead": dict(letters),
        "fetched": fetched,
        "created": created,
        "duplicate": duplicate,
        "failed": failed,
    }


def wait_for(odoo_server, name: str, done, seconds: float = 90.0, receiver=None) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        found = facts(odoo_server, name)
        if done(found):
            return found
        if time.monotonic() > deadline:
            output = receiver.output()[-3000:] if receiver else ""
            raise AssertionError(f"not done in {seconds} s: {found}\n{output}")
        time.sleep(0.3)


def test_a_typeform_signed_delivery_becomes_a_lead(odoo_server, push):
    """And one with a wrong signature is refused with 401 and never reaches Odoo."""
    name = f"tf-{uuid.uuid4().hex[:6]}"
    receiver = push([typeform_source(name)])
    forged = typeform_body("forged-1", email="eve@example.com")
    assert receiver.post(name, forged, typeform_headers(forged, secret="guess")).status_code == 401
    good = typeform_body(f"{name}-tok1", email=f"{name}@example.com", phone="+989350001122")
    answer = receiver.post(name, good, typeform_headers(good))
    assert answer.status_code == 202
    found = wait_for(odoo_server, name, lambda f: f["bound"], receiver=receiver)
    assert found["bound"] == {f"{name}-tok1"} and found["leads"] == 1
    lead = odoo_server.sql(
        "SELECT contact_name, email_from, phone FROM crm_lead "
        f"WHERE email_from = '{name}@example.com'"
    )
    assert lead == [("Sara Ahmadi", f"{name}@example.com", "+989350001122")]
    time.sleep(1)  # the forged one had every chance to arrive: it did not
    assert facts(odoo_server, name)["bound"] == {f"{name}-tok1"}
    assert webhooks.waiting(push.prefix, name) == 0


def test_a_replayed_delivery_binds_once(odoo_server, push):
    """The same signed delivery (generic HMAC, timestamp within the tolerance) three
    times: three 2xx, one lead; Odoo counts the other two as duplicates."""
    name = f"hm-{uuid.uuid4().hex[:6]}"
    receiver = push([hmac_source(name)])
    body = forms_body(f"{name}-1", email=f"{name}@example.com")
    headers = hmac_headers(body)
    for _ in range(3):
        assert receiver.post(name, body, headers).status_code == 202
        time.sleep(0.4)  # into separate batches, as a provider's retries come
    found = wait_for(odoo_server, name, lambda f: f["fetched"] >= 3, receiver=receiver)
    assert found["bound"] == {f"{name}-1"} and found["leads"] == 1
    assert (found["created"], found["duplicate"]) == (1, 2)


def _post_and_drop_the_answer(receiver: Receiver, name: str, body: bytes, headers: dict):
    """The provider sends, the receiver stores and answers, the answer is lost on the way
    (the provider's connection closes as the first bytes arrive)."""
    head = "".join(f"{key}: {value}\r\n" for key, value in headers.items())
    request = (
        f"POST /hooks/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
        f"{head}Connection: close\r\n\r\n"
    ).encode() + body
    with socket.create_connection(("127.0.0.1", receiver.port), timeout=30) as sock:
        sock.sendall(request)
        assert sock.recv(1)  # the answer starts coming... and the connection is gone
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def test_a_retried_delivery_after_a_dropped_answer_binds_once(odoo_server, push):
    """Both ways: the provider never hears the receiver's answer and sends again, and
    Odoo's answers to the forwarder are lost after Odoo committed."""
    name = f"rt-{uuid.uuid4().hex[:6]}"
    receiver = push([typeform_source(name)])
    # 1 is the log-in, 2 opens the run, 3 and on are batches (one per pause below)
    push.proxy.faults = {3: "drop-after", 5: "drop-after", 6: "drop-after"}
    for n in range(10):
        body = typeform_body(f"{name}-{n}", email=f"{name}.{n}@example.com")
        _post_and_drop_the_answer(receiver, name, body, typeform_headers(body))
        assert receiver.post(name, body, typeform_headers(body)).status_code == 202
        time.sleep(0.5)  # past the batch window: the deliveries go in several batches
    found = wait_for(odoo_server, name, lambda f: f["fetched"] >= 20, receiver=receiver)
    assert found["bound"] == {f"{name}-{n}" for n in range(10)}
    assert not found["bound_twice"] and found["leads"] == 10
    assert (found["fetched"], found["created"], found["duplicate"]) == (20, 10, 10)
    assert push.proxy.count > 7


def test_odoo_down_during_deliveries(odoo_server, push):
    """Deliveries while Odoo is stopped are answered 2xx (stored), wait in the queue, and
    all arrive once Odoo is back."""
    name = f"dn-{uuid.uuid4().hex[:6]}"
    receiver = push([hmac_source(name)])
    first = forms_body(f"{name}-first", email=f"{name}.first@example.com")
    assert receiver.post(name, first, hmac_headers(first)).status_code == 202
    wait_for(odoo_server, name, lambda f: len(f["bound"]) == 1, receiver=receiver)
    odoo_server.stop()
    try:
        for n in range(10):
            body = forms_body(f"{name}-{n}", email=f"{name}.{n}@example.com")
            assert receiver.post(name, body, hmac_headers(body)).status_code == 202
        time.sleep(3)
        assert len(facts(odoo_server, name)["bound"]) == 1  # PostgreSQL is up: Odoo is not
    finally:
        odoo_server.start()
        push.proxy.target = odoo_server.url
    found = wait_for(
        odoo_server, name, lambda f: len(f["bound"]) == 11, seconds=180, receiver=receiver
    )
    assert not found["bound_twice"] and found["leads"] == 11
    assert "deliveries wait" in receiver.output()


def test_a_delivery_that_cannot_become_a_lead_is_a_dead_letter(odoo_server, push):
    """Signed, valid JSON, but no email or phone: Odoo keeps it with a plain reason."""
    name = f"dl-{uuid.uuid4().hex[:6]}"
    receiver = push([typeform_source(name)])
    body = typeform_body(f"{name}-nobody")
    assert receiver.post(name, body, typeform_headers(body)).status_code == 202
    found = wait_for(odoo_server, name, lambda f: f["dead"], receiver=receiver)
    assert found["dead"] == {
        f"{name}-nobody": "no email address or phone number to reach the person"
    }
    assert not found["bound"] and found["failed"] == 1
    payload = odoo_server.sql(
        f"SELECT payload FROM crm_sync_dead_letter WHERE external_id = '{name}-nobody'"
    )[0][0]
    assert '"answers"' in payload  # the submission as the provider sent it, for a replay


def test_deliveries_stored_before_a_kill_9_reach_odoo(odoo_server, push):
    """`serve --no-forward` answers 2xx and is killed with SIGKILL; `crm-sync forward`
    (another process) later takes every stored delivery into Odoo."""
    name = f"k9-{uuid.uuid4().hex[:6]}"
    receiver = push([typeform_source(name)], "--no-forward")
    for n in range(5):
        body = typeform_body(f"{name}-{n}", email=f"{name}.{n}@example.com")
        assert receiver.post(name, body, typeform_headers(body)).status_code == 202
    receiver.kill()
    assert webhooks.waiting(push.prefix, name) == 5
    forwarder = push([typeform_source(name)], command="forward")
    found = wait_for(odoo_server, name, lambda f: len(f["bound"]) == 5, receiver=forwarder)
    assert found["leads"] == 5 and not found["bound_twice"]
    forwarder.stop()
    assert webhooks.waiting(push.prefix, name) == 0
