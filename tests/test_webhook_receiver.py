"""The receiver without Odoo: each provider's signature, and `crm-sync serve` on a real
uvicorn storing into the real RabbitMQ: what it refuses stores nothing, what it answers
2xx survives a kill -9."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from crm_sync.config import SourceSettings
from crm_sync.receiver.limits import TokenBucket
from crm_sync.receiver.signatures import Unverified, verifier_for
from crm_sync.sources import SourceConfigError, build_source
from tests import webhooks
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


@pytest.fixture
def secrets(monkeypatch):
    monkeypatch.setenv("TEST_TYPEFORM_SECRET", webhooks.TYPEFORM_SECRET)
    monkeypatch.setenv("TEST_FORMS_SECRET", webhooks.HMAC_SECRET)


def verifier(config: dict):
    return verifier_for(build_source(SourceSettings(**config)))


# ----------------------------------------------------------------------------- signatures


def test_typeform_signature(secrets):
    check = verifier(typeform_source("tf"))
    body = typeform_body("tok1", email="a@example.com")
    check.verify(typeform_headers(body), body, time.time())
    with pytest.raises(Unverified, match="does not match"):
        check.verify(typeform_headers(body, secret="another-secret"), body, time.time())
    with pytest.raises(Unverified, match="does not match"):  # the body changed on the way
        check.verify(typeform_headers(body), body.replace(b"Sara", b"Eve!"), time.time())
    with pytest.raises(Unverified, match="no Typeform-Signature header"):
        check.verify({}, body, time.time())


def test_generic_hmac_with_a_timestamp(secrets):
    check = verifier(hmac_source("forms"))
    body = forms_body("s1", email="a@example.com")
    now = time.time()
    check.verify(hmac_headers(body), body, now)
    upper = hmac_headers(body)
    upper["X-Forms-Signature"] = "sha256=" + upper["X-Forms-Signature"][7:].upper()
    check.verify(upper, body, now)  # hex in capitals is the same digest
    with pytest.raises(Unverified, match="beyond the tolerance"):
        check.verify(hmac_headers(body, stamp=int(now) - 301), body, now)
    milliseconds = hmac_headers(body, stamp=int(now * 1000))
    check.verify(milliseconds, body, now)
    # a fresh timestamp on an old signature: the signature covers the timestamp
    stale = hmac_headers(body, stamp=int(now) - 3600)
    stale["X-Forms-Timestamp"] = str(int(now))
    with pytest.raises(Unverified, match="does not match"):
        check.verify(stale, body, now)
    with pytest.raises(Unverified, match="not a Unix time"):
        check.verify({**hmac_headers(body), "X-Forms-Timestamp": "yesterday"}, body, now)


def test_generic_hmac_base64_without_timestamp(secrets):
    import base64
    import hashlib
    import hmac

    config = {
        "name": "b64",
        "kind": "webhook",
        "options": {"signature": "hmac", "secret_env": "TEST_FORMS_SECRET",
                    "encoding": "base64", "algorithm": "sha512"},
    }  # fmt: skip
    check = verifier(config)
    body = b'{"id": "1"}'
    digest = hmac.new(webhooks.HMAC_SECRET.encode(), body, hashlib.sha512).digest()
    check.verify({"X-Signature": base64.b64encode(digest).decode()}, body, time.time())
    with pytest.raises(Unverified):
        check.verify({"X-Signature": digest.hex()}, body, time.time())


def test_shared_token(secrets):
    config = {
        "name": "tok",
        "kind": "webhook",
        "options": {"signature": "token", "secret_env": "TEST_FORMS_SECRET",
                    "header": "Authorization"},
    }  # fmt: skip
    check = verifier(config)
    check.verify({"Authorization": f"Bearer {webhooks.HMAC_SECRET}"}, b"{}", time.time())
    with pytest.raises(Unverified, match="not the shared token"):
        check.verify({"Authorization": "Bearer guess"}, b"{}", time.time())
    with pytest.raises(Unverified, match="not the shared token"):  # not a TypeError
        check.verify({"Authorization": "Bearer گذرواژه"}, b"{}", time.time())


def test_webhook_options_are_checked(monkeypatch):
    monkeypatch.delenv("NOT_SET_SECRET", raising=False)
    unset = typeform_source("tf", secret_env="NOT_SET_SECRET")
    with pytest.raises(SourceConfigError, match="NOT_SET_SECRET"):
        build_source(SourceSettings(**unset))
    with pytest.raises(ValueError, match="secret_env"):
        SourceSettings(name="x", kind="webhook", options={"signature": "typeform"})
    with pytest.raises(ValueError, match="must hold \\{timestamp\\}"):
        SourceSettings(**hmac_source("x", signed_payload="{body}"))
    with pytest.raises(ValueError, match="signature"):
        SourceSettings(**typeform_source("x", signature="md5"))


def test_the_rate_limit_refills():
    now = [0.0]
    bucket = TokenBucket(rate=2, burst=2, clock=lambda: now[0])
    assert bucket.take() and bucket.take() and not bucket.take()
    assert bucket.wait_seconds() == 1
    now[0] = 0.5
    assert bucket.take() and not bucket.take()


def test_run_leaves_webhook_sources_to_serve(tmp_path, monkeypatch, capsys, secrets):
    from crm_sync.cli import main

    config = write_config(tmp_path / "crm-sync.toml", [typeform_source("tf")])
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    assert main(["run", "--once"]) == 2
    assert "no sources to pull" in capsys.readouterr().out
    assert main(["run", "--once", "--source", "tf"]) == 2
    assert "`crm-sync serve` receives it" in capsys.readouterr().out


# ----------------------------------------------------------------- the receiver, for real


@pytest.fixture
def broker():
    reason = webhooks.why_no_broker()
    if reason:
        pytest.skip(reason)
    prefix = f"crm-sync-test-{uuid.uuid4().hex[:8]}"
    names: list[str] = []
    yield prefix, names
    webhooks.delete_queues(prefix, names)


def serve(tmp_path, broker, sources: list[dict], *args: str) -> Receiver:
    prefix, names = broker
    names += [source["name"] for source in sources]
    config = write_config(tmp_path / "crm-sync.toml", sources, queue_prefix=prefix)
    return Receiver(config, webhooks.free_port(), "--no-forward", *args)


def test_what_the_receiver_refuses_it_does_not_store(tmp_path, broker):
    prefix, _names = broker
    receiver = serve(
        tmp_path, broker, [typeform_source("tf", max_body_bytes=4096), hmac_source("forms")]
    )
    try:
        good = typeform_body("tok-1", email="sara@example.com")
        refused = {
            "bad signature": receiver.post("tf", good, typeform_headers(good, secret="wrong")),
            "no signature": receiver.post("tf", good, {"Content-Type": "application/json"}),
            "tampered": receiver.post("tf", good.replace(b"Sara", b"Mona"), typeform_headers(good)),
            "stale": receiver.post(
                "forms", forms_body("s1"), hmac_headers(forms_body("s1"), int(time.time()) - 600)
            ),
        }
        for what, answer in refused.items():
            assert answer.status_code == 401, what
            assert "signature not verified" in answer.json()["error"], what
        malformed = b'{"form_response": {"token": "x",'
        answer = receiver.post("tf", malformed, typeform_headers(malformed))
        assert answer.status_code == 400 and "not JSON" in answer.json()["error"]
        huge = typeform_body("tok-big", email="a@example.com", first="x" * 5000)
        answer = receiver.post("tf", huge, typeform_headers(huge))
        assert answer.status_code == 413
        assert receiver.post("nope", good, typeform_headers(good)).status_code == 404
        assert webhooks.waiting(prefix, "tf") == 0 and webhooks.waiting(prefix, "forms") == 0
        # and what verifies is stored before it is answered
        answer = receiver.post("tf", good, typeform_headers(good))
        assert answer.status_code == 202 and answer.json()["status"] == "stored"
        answer = receiver.post("forms", forms_body("s2"), hmac_headers(forms_body("s2")))
        assert answer.status_code == 202
        assert webhooks.waiting(prefix, "tf") == 1 and webhooks.waiting(prefix, "forms") == 1
    finally:
        receiver.stop()
    output = receiver.output()
    assert webhooks.TYPEFORM_SECRET not in output and webhooks.HMAC_SECRET not in output


def test_a_body_over_the_limit_without_a_length_is_cut_off(tmp_path, broker):
    """Chunked, so no Content-Length to refuse early: reading stops at the limit."""
    prefix, _names = broker
    receiver = serve(tmp_path, broker, [typeform_source("tf", max_body_bytes=4096)])
    try:
        with socket.create_connection(("127.0.0.1", receiver.port), timeout=10) as sock:
            sock.sendall(
                b"POST /hooks/tf HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                b"Typeform-Signature: sha256=x\r\n\r\n"
            )
            for _ in range(4):
                sock.sendall(b"800\r\n" + b"a" * 0x800 + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
            status = sock.recv(64)
        assert status.startswith(b"HTTP/1.1 413"), status
        assert webhooks.waiting(prefix, "tf") == 0
    finally:
        receiver.stop()


def test_the_rate_limit_answers_429(tmp_path, broker):
    receiver = serve(tmp_path, broker, [typeform_source("tf", rate_per_second=0.5, burst=2)])
    try:
        statuses = []
        for n in range(3):
            body = typeform_body(f"tok-{n}", email="a@example.com")
            statuses.append(receiver.post("tf", body, typeform_headers(body)))
        assert [answer.status_code for answer in statuses] == [202, 202, 429]
        assert int(statuses[2].headers["Retry-After"]) >= 1
    finally:
        receiver.stop()


def test_a_stored_delivery_survives_kill_9_of_the_receiver(tmp_path, broker):
    """2xx means stored: the receiver killed right after answering loses nothing."""
    prefix, _names = broker
    receiver = serve(tmp_path, broker, [typeform_source("tf")])
    try:
        for n in range(5):
            body = typeform_body(f"tok-{n}", email=f"p{n}@example.com")
            assert receiver.post("tf", body, typeform_headers(body)).status_code == 202
    finally:
        receiver.kill()
    assert webhooks.waiting(prefix, "tf") == 5


def test_check_reports_a_webhook_source_and_the_store(tmp_path, broker, monkeypatch, capsys):
    from crm_sync.check import check

    prefix, names = broker
    names.append("tf")
    config = write_config(tmp_path / "crm-sync.toml", [typeform_source("tf")], queue_prefix=prefix)
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    monkeypatch.setenv("TEST_TYPEFORM_SECRET", "short")
    lines: list[str] = []
    check(lines.append)
    text = "\n".join(lines)
    assert "source tf (webhook): ok (typeform signature in Typeform-Signature" in text
    assert "WARNING: the secret has only 5 characters" in text
    assert "store: ok (RabbitMQ at amqp://guest:***@" in text and "tf 0" in text
    monkeypatch.delenv("TEST_TYPEFORM_SECRET")
    lines.clear()
    check(lines.append)
    text = "\n".join(lines)
    assert "the environment variable TEST_TYPEFORM_SECRET (secret_env) is not set" in text
