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
    # one database per test process (its pid), so that test runs at once never share one;
    # CRM_SYNC_TEST_DB_PREFIX lets several people on one machine keep theirs apart
    prefix = os.environ.get("CRM_SYNC_TEST_DB_PREFIX", "crm_sync_e2e")
    server = OdooServer(database=f"{prefix}_{os.getpid()}")
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


class FakeOdoo:
    """Odoo's worker API played by method name, recording each call: enough to test the
    worker's side (what it sends, how it reacts) without a real Odoo."""

    def __init__(self, scripted: ScriptedJsonRpc) -> None:
        self.calls: list[tuple[str, str, list, dict]] = []  # (model, method, args, kwargs)
        self.groups = {"base.group_user", "crm_sync_connector.crm_sync_connector_group_integration"}
        self.rights = True
        self.addon = True
        self.leased = True
        self.letters: list[dict] = []
        self.stored: dict[str, list] = {}  # batch key -> results, as Odoo keeps them
        self.scripted = scripted
        scripted.fallback = self.answer

    def methods(self, name: str) -> list[tuple[list, dict]]:
        return [(args, kwargs) for _model, method, args, kwargs in self.calls if method == name]

    def answer(self, payload: dict) -> tuple[int, dict]:
        params = payload["params"]
        if params["service"] == "common":
            result = {"version": {"server_version": "18.0"}, "authenticate": 7}[params["method"]]
            return 200, {"jsonrpc": "2.0", "id": payload["id"], "result": result}
        _db, _uid, _key, model, method, args, kwargs = params["args"]
        self.calls.append((model, method, args, kwargs))
        try:
            result = getattr(self, f"_{method}")(model, *args, **kwargs)
        except LookupError as exc:
            error = {"message": "Odoo Server Error", "data": {"message": str(exc), "name": ""}}
            return 200, {"jsonrpc": "2.0", "id": payload["id"], "error": error}
        return 200, {"jsonrpc": "2.0", "id": payload["id"], "result": result}

    def _check_access_rights(self, model, operation, raise_exception=True):
        if model.startswith("crm.sync") and not self.addon:
            raise LookupError(f"Object {model} doesn't exist")
        return self.rights

    def _has_group(self, model, ids, group):
        return group in self.groups

    def _sync_begin(self, model, name, kind, worker, *args):
        if not self.leased:
            return {"leased": False, "holder": "other:1:abc", "until": "2026-11-23 10:05:00"}
        return {"leased": True, "run_id": 1, "cursor": False, "use_gateway": False}

    def _push(self, records, rejected, batch_key=None):
        if batch_key in self.stored:
            return self.stored[batch_key]
        results = [{"external_id": r.get("external_id"), "status": "created"} for r in records]
        results += [{"external_id": r.get("external_id"), "status": "failed"} for r in rejected]
        if batch_key:
            self.stored[batch_key] = results
        return results

    def _sync_push_leads(self, model, run_id, worker, records, rejected, cursor, lease=None, **kw):
        return self._push(records, rejected, kw.get("batch_key"))

    def _sync_push_emails(self, model, run_id, worker, mails, rejected, cursor, lease=None, **kw):
        return self._push(mails, rejected, kw.get("batch_key"))

    def _sync_end(self, model, run_id, worker, error=False, **kwargs):
        return True

    def _sync_dead_letters_to_replay(self, model, name, limit=500):
        return self.letters


@pytest.fixture
def fake_odoo(jsonrpc_server) -> Iterator[tuple[str, FakeOdoo]]:
    url, scripted = jsonrpc_server
    yield url, FakeOdoo(scripted)
