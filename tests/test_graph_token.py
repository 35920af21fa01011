"""The Graph source's client-credentials token through msal against the loopback
identity platform (https): asked once and cached across runs, checked by the loopback
Graph, and a refused app is said plainly without its secret."""

from __future__ import annotations

import logging

import pytest

from crm_sync.config import SourceSettings
from crm_sync.sources import build_source
from crm_sync.sources.entra import TokenError, authority_of
from tests.graph_service import GraphService


@pytest.fixture
def graph(monkeypatch):
    service = GraphService()
    service.folders["inbox"] = [
        (f"in-{n}", f"From: a@x.example\r\nMessage-ID: <t{n}@x>\r\n\r\nhi\r\n".encode())
        for n in range(3)
    ]
    monkeypatch.setenv("GRAPH_SECRET", service.secret)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", service.ca_file)
    yield service
    service.close()


def source(service, **options):
    return build_source(
        SourceSettings(
            name="m365",
            kind="graph",
            options={
                "mailbox": "sales",
                "client_id": service.client_id,
                "client_secret_env": "GRAPH_SECRET",
                "base_url": service.base,
                "token_url": service.token_url,
                "folders": ["inbox"],
                **options,
            },
        )
    )


def test_one_token_serves_every_run_of_the_process(graph, caplog):
    with caplog.at_level(logging.DEBUG):
        first = source(graph).fetch(None)
        graph.folders["inbox"].append(("late", b"From: a@x.example\r\n\r\nlate\r\n"))
        second = source(graph).fetch(first.next_cursor)  # the next run builds it again
    assert [s.mapped["external_id"] for s in first.submissions] == ["in-0", "in-1", "in-2"]
    assert [s.mapped["external_id"] for s in second.submissions] == ["late"]
    assert graph.token_requests == 1 and graph.refused == 0
    for token in graph.entra.tokens:
        assert token not in caplog.text
    assert graph.secret not in caplog.text


def test_a_token_for_another_graph_is_refused_by_it(graph):
    """The token's scope is the Graph of base_url: a Graph elsewhere refuses it."""
    other = GraphService()
    try:
        with pytest.raises(Exception, match="401"):
            source(graph, base_url=other.base, token_url=graph.token_url).fetch(None)
    finally:
        other.close()
    assert other.refused == 1


def test_a_wrong_client_secret_is_said_without_the_secret(graph, monkeypatch):
    monkeypatch.setenv("GRAPH_SECRET", "a-wrong-secret")
    with pytest.raises(TokenError) as caught:
        source(graph).fetch(None)
    message = str(caught.value)
    assert 'source "m365": no token for the app app from https://127.0.0.1:' in message
    assert "invalid_client" in message and "wrong client id or client secret" in message
    assert "a-wrong-secret" not in message and graph.secret not in message


def test_an_untrusted_certificate_is_refused(graph, monkeypatch):
    """msal verifies the token endpoint's certificate: the loopback's self-signed one
    is trusted only through REQUESTS_CA_BUNDLE."""
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    with pytest.raises(TokenError, match=r"could not reach .*CERTIFICATE_VERIFY_FAILED"):
        source(graph).fetch(None)
    assert graph.token_requests == 0


def test_the_authority_comes_from_the_tenant_or_the_token_endpoint():
    assert authority_of("contoso", None) == "https://login.microsoftonline.com/contoso"
    assert (
        authority_of(None, "https://login.microsoftonline.us/t1/oauth2/v2.0/token")
        == "https://login.microsoftonline.us/t1"
    )
    with pytest.raises(ValueError, match='"tenant_id" is required'):
        SourceSettings(
            name="m",
            kind="graph",
            options={"client_id": "a", "client_secret_env": "S", "mailbox": "x"},
        )


def test_check_probes_the_token_and_the_mailbox(graph, monkeypatch):
    assert source(graph).probe() == "token for app, sales/inbox readable"
    monkeypatch.setenv("GRAPH_SECRET", "wrong")
    with pytest.raises(TokenError, match="invalid_client"):
        source(graph).probe()
