"""The Odoo client against a real HTTP server on loopback that answers like Odoo's /jsonrpc."""

import pytest
from pydantic import SecretStr

from crm_sync.config import OdooSettings
from crm_sync.odoo import OdooClient, OdooError, OdooUnreachable


def ok(result):
    return lambda payload: (200, {"jsonrpc": "2.0", "id": payload["id"], "result": result})


def status(code):
    return lambda payload: (code, None)


def client_for(url: str, retries: int = 3) -> OdooClient:
    settings = OdooSettings(
        url=url, database="db", login="sync", api_key=SecretStr("k3y"), max_retries=retries
    )
    return OdooClient(settings)


def test_call_logs_in_once_and_sends_execute_kw(jsonrpc_server):
    url, server = jsonrpc_server
    server.script = [ok(7), ok([{"id": 1}]), ok([{"id": 2}])]
    client = client_for(url)
    assert client.call("crm.lead", "search_read", [], fields=["id"]) == [{"id": 1}]
    assert client.call("crm.lead", "search_read", [], fields=["id"]) == [{"id": 2}]
    login, first, _ = server.requests
    assert login["params"]["method"] == "authenticate"
    assert first["params"]["args"][:6] == ["db", 7, "k3y", "crm.lead", "search_read", [[]]]
    assert first["params"]["args"][6] == {"fields": ["id"]}


def test_retries_on_502_and_429_then_succeeds(jsonrpc_server):
    url, server = jsonrpc_server
    server.script = [ok(7), status(502), status(429), ok(True)]
    assert client_for(url).call("crm.lead", "check_access_rights", "read") is True
    assert len(server.requests) == 4


def test_gives_up_after_bounded_retries(jsonrpc_server):
    url, server = jsonrpc_server
    server.script = [ok(7)] + [status(503)] * 10
    with pytest.raises(OdooUnreachable, match="503"):
        client_for(url, retries=2).call("crm.lead", "search", [])
    assert len(server.requests) == 1 + 3  # login, first try, two retries


def test_connection_refused_is_unreachable():
    client = client_for("http://127.0.0.1:9", retries=0)
    with pytest.raises(OdooUnreachable):
        client.version()


def test_odoo_errors_are_named(jsonrpc_server):
    url, server = jsonrpc_server
    error = {
        "jsonrpc": "2.0",
        "error": {
            "message": "Odoo Server Error",
            "data": {"name": "odoo.exceptions.AccessError", "message": "no access to crm.lead"},
        },
    }
    server.script = [ok(7), lambda payload: (200, error)]
    with pytest.raises(OdooError, match=r"no access to crm\.lead") as caught:
        client_for(url).call("crm.lead", "read", [1])
    assert caught.value.is_access_error


def test_refused_login_says_what_to_check(jsonrpc_server):
    url, server = jsonrpc_server
    server.script = [ok(False)]
    with pytest.raises(OdooError, match="check the login and API key"):
        client_for(url).call("crm.lead", "search", [])
