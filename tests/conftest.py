"""Shared fixtures: a real HTTP server on loopback that plays Odoo's JSON-RPC endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Responder = Callable[[dict], tuple[int, dict | None]]


class ScriptedJsonRpc:
    """Answers each POST with the next scripted (status, body); records what it received."""

    def __init__(self) -> None:
        self.script: list[Responder] = []
        self.requests: list[dict] = []
        self.fallback: Responder = lambda payload: (200, {"jsonrpc": "2.0", "result": None})

    def answer(self, payload: dict) -> tuple[int, dict | None]:
        self.requests.append(payload)
        responder = self.script.pop(0) if self.script else self.fallback
        return responder(payload)


@pytest.fixture
def jsonrpc_server() -> Iterator[tuple[str, ScriptedJsonRpc]]:
    scripted = ScriptedJsonRpc()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            status, body = scripted.answer(json.loads(self.rfile.read(length)))
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:  # keep pytest output readable
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", scripted
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------- real Odoo, loopback


@pytest.fixture(scope="session")
def odoo_server():
    """A real Odoo 18 with crm_sync_connector; the tests that need it are skipped, loudly,
    when none is installed."""
    import os

    from tests.odoo_server import OdooServer, why_no_odoo

    reason = why_no_odoo()
    if reason:
        pytest.skip(f"ODOO TESTS SKIPPED: {reason}")
    server = OdooServer(database=f"crm_sync_e2e_{os.getpid()}")
    server.create()
    server.start()
    try:
        yield server
    finally:
        server.drop()


@pytest.fixture
def provider():
    from tests.loopback import WebFormProvider

    provider = WebFormProvider()
    yield provider
    provider.close()


@pytest.fixture
def odoo_settings_for(odoo_server):
    """Settings for the worker against the test Odoo, with `url` optionally a proxy."""
    from pydantic import SecretStr

    from crm_sync.config import OdooSettings, Settings, SourceSettings

    def make(sources, url=None, **values):
        odoo = OdooSettings(
            url=url or odoo_server.url,
            database=odoo_server.database,
            login=odoo_server.login,
            api_key=SecretStr(odoo_server.api_key),
            max_retries=values.pop("max_retries", 6),
            timeout_seconds=values.pop("timeout_seconds", 60),
        )
        return Settings(
            odoo=odoo,
            sources=[SourceSettings(**source) for source in sources],
            **values,
        )

    return make
