"""Two loopback providers that push (one signing as Typeform does, one with a generic
HMAC header and a timestamp), the receiver run as operators run it (`crm-sync serve` in
its own process, on uvicorn), and a look into the real RabbitMQ it stores in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from kombu import Connection

BROKER = os.environ.get("CRM_SYNC_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672//")
TYPEFORM_SECRET = "typeform-secret-0123456789abcdef"
HMAC_SECRET = "forms-hmac-secret-0123456789abcdef"
TYPEFORM_FIELDS = {
    "external_id": "token",
    "contact_name": "{answers[field.id=first].text} {answers[field.id=last].text}",
    "email": "answers[field.id=mail].email",
    "phone": "answers[field.id=tel].phone_number",
    "description": "answers[field.id=note].text",
}


def why_no_broker() -> str | None:
    try:
        with Connection(BROKER, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as exc:
        return f"no RabbitMQ at {BROKER}: {exc}"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------------------ providers


def typeform_body(token: str, email: str = "", phone: str = "", first: str = "Sara") -> bytes:
    """A delivery in the shape of Typeform's webhook (`form_response` with answers keyed
    by field id); an empty email or phone leaves that answer out."""
    answers = [
        {"field": {"id": "first", "type": "short_text"}, "type": "text", "text": first},
        {"field": {"id": "last", "type": "short_text"}, "type": "text", "text": "Ahmadi"},
        {"field": {"id": "note", "type": "long_text"}, "type": "text", "text": "Call me"},
    ]
    if email:
        answers.append({"field": {"id": "mail", "type": "email"}, "type": "email", "email": email})
    if phone:
        answers.append(
            {"field": {"id": "tel", "type": "phone_number"}, "type": "phone_number",
             "phone_number": phone}
        )  # fmt: skip
    delivery = {
        "event_id": uuid.uuid4().hex,
        "event_type": "form_response",
        "form_response": {
            "form_id": "AbCdEf",
            "token": token,
            "submitted_at": "2026-11-23T10:00:00Z",
            "answers": answers,
        },
    }
    return json.dumps(delivery).encode("utf-8")


def typeform_headers(body: bytes, secret: str = TYPEFORM_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return {
        "Typeform-Signature": "sha256=" + base64.b64encode(digest).decode(),
        "Content-Type": "application/json",
    }


def forms_body(submission_id: str, email: str = "", phone: str = "") -> bytes:
    return json.dumps(
        {"id": submission_id, "name": "Ali Karimi", "email": email, "phone": phone,
         "subject": "Quote request", "message": "Please call"}
    ).encode("utf-8")  # fmt: skip


def hmac_headers(body: bytes, stamp: int | None = None, secret: str = HMAC_SECRET) -> dict:
    """The generic provider: `X-Forms-Signature: sha256=<hex of HMAC(ts.body)>` and
    `X-Forms-Timestamp`."""
    stamp = int(time.time()) if stamp is None else stamp
    signed = f"{stamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return {
        "X-Forms-Signature": f"sha256={digest}",
        "X-Forms-Timestamp": str(stamp),
        "Content-Type": "application/json",
    }


def typeform_source(name: str, **options) -> dict:
    return {
        "name": name,
        "kind": "webhook",
        "options": {
            "signature": "typeform",
            "secret_env": "TEST_TYPEFORM_SECRET",
            "item": "form_response",
            "fields": TYPEFORM_FIELDS,
            **options,
        },
    }


def hmac_source(name: str, **options) -> dict:
    return {
        "name": name,
        "kind": "webhook",
        "options": {
            "signature": "hmac",
            "secret_env": "TEST_FORMS_SECRET",
            "header": "X-Forms-Signature",
            "prefix": "sha256=",
            "timestamp_header": "X-Forms-Timestamp",
            "tolerance_seconds": 300,
            **options,
        },
    }


# ------------------------------------------------------------------------------- receiver


def _toml_value(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value)


def write_config(path: Path, sources: list[dict], odoo: dict | None = None, **receiver) -> Path:
    lines = ["[odoo]"]
    for key, value in (odoo or {"url": "http://127.0.0.1:9"}).items():
        lines.append(f"{key} = {_toml_value(value)}")
    lines.append("[receiver]")
    for key, value in receiver.items():
        lines.append(f"{key} = {_toml_value(value)}")
    for source in sources:
        lines += ["[[sources]]", f'name = "{source["name"]}"', f'kind = "{source["kind"]}"']
        lines.append(f"options = {_toml_value(source['options'])}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Receiver:
    """`crm-sync serve` (or `forward`) in its own process, as operators run it."""

    def __init__(self, config: Path, port: int, *args: str, command: str = "serve") -> None:
        self.port = port
        self.log = config.with_suffix(f".{command}.{port}.log")
        env = {
            **os.environ,
            "CRM_SYNC_CONFIG": str(config),
            "TEST_TYPEFORM_SECRET": TYPEFORM_SECRET,
            "TEST_FORMS_SECRET": HMAC_SECRET,
        }
        argv = [sys.executable, "-m", "crm_sync.cli", command, *args]
        if command == "serve":
            argv += ["--port", str(port)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
        if command == "serve":
            self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if requests.get(f"{self.url}/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"the receiver did not start: {self.output()}")

    def post(self, source: str, body: bytes, headers: dict) -> requests.Response:
        return requests.post(f"{self.url}/hooks/{source}", data=body, headers=headers, timeout=30)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """kill -9: no shutdown, no goodbye to the broker."""
        self.process.kill()
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


# --------------------------------------------------------------------------------- broker


def queue_name(prefix: str, source: str) -> str:
    return f"{prefix}.{source}"


def waiting(prefix: str, source: str) -> int:
    """Messages ready in the source's queue (0 when there is no queue)."""
    with Connection(BROKER) as connection:
        channel = connection.channel()
        try:
            _name, count, _consumers = channel.queue_declare(
                queue_name(prefix, source), passive=True
            )
        except Exception:  # no such queue: nothing was ever stored
            return 0
        return count


def delete_queues(prefix: str, sources: list[str]) -> None:
    with Connection(BROKER) as connection:
        for source in sources:
            try:
                connection.channel().queue_delete(queue_name(prefix, source))
            except Exception:  # never declared
                continue
