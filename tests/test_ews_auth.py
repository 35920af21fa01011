"""The EWS source's authentication against the loopback Exchange: NTLM really challenged
and verified, basic, OAuth app tokens from msal checked by the server; a refused login
is a clear failure on the run, and no secret reaches the log."""

from __future__ import annotations

import base64
import logging
import socket
import threading
import time

import pytest
from pydantic import SecretStr

from crm_sync.config import OdooSettings, Settings, SourceSettings
from crm_sync.odoo import OdooClient
from crm_sync.pipeline import run_source
from crm_sync.sources import SourceConfigError, build_source
from crm_sync.sources.entra import TokenError
from crm_sync.sources.ews import ExchangeLoginFailed
from tests.entra_service import EntraService
from tests.ews_service import EwsService

APP, APP_SECRET = "crm-sync-app", "app-s3cret-value"


def mails(prefix: str, count: int) -> list[tuple[str, bytes]]:
    return [
        (f"{prefix}{n}", f"From: a@x.example\r\nMessage-ID: <{prefix}{n}@x>\r\n\r\nhi\r\n".encode())
        for n in range(count)
    ]


def ews(service, name="exchange", **options):
    return build_source(
        SourceSettings(
            name=name, kind="ews", options={"url": service.url, "page_size": 2, **options}
        )
    )


def password_options(service, **options):
    return {"username": service.user, "password_env": "EWS_PASSWORD", **options}


def oauth_options(service, entra, **options):
    return {
        "auth": "oauth",
        "client_id": APP,
        "client_secret_env": "EWS_APP_SECRET",
        "token_url": entra.token_url,
        "oauth_scope": f"{service.serving.url}/.default",
        "mailbox": service.mailbox,
        **options,
    }


def drain(source, cursor=None):
    ids = []
    while True:
        page = source.fetch(cursor)
        ids += [s.mapped["external_id"] for s in page.submissions]
        cursor = page.next_cursor
        if not page.more:
            return ids, cursor


@pytest.fixture
def service(monkeypatch):
    service = EwsService()
    service.folders["inbox"] = mails("in-", 5)
    monkeypatch.setenv("EWS_PASSWORD", service.password)
    yield service
    service.close()


@pytest.fixture
def entra(monkeypatch):
    entra = EntraService({APP: APP_SECRET})
    monkeypatch.setenv("EWS_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", entra.ca_file)  # trust its self-signed cert
    yield entra
    entra.close()


def test_ntlm_is_the_default_and_one_handshake_serves_the_connection(service):
    source = ews(service, **password_options(service))
    ids, _cursor = drain(source)
    assert ids == [f"in-{n}" for n in range(5)]
    # SyncFolderItems and GetItem three times each, over one NTLM-authenticated connection
    assert service.logins == [service.user]
    assert service.refused == []


def test_ntlm_with_a_domain_account_reads_the_mailbox_it_names(service):
    source = ews(
        service, **password_options(service, username=service.domain_user, mailbox=service.mailbox)
    )
    assert drain(source)[0] == [f"in-{n}" for n in range(5)]
    assert service.logins == [service.domain_user]


def test_basic_when_the_server_offers_it_and_ntlm_refused_where_it_does_not(monkeypatch):
    service = EwsService(schemes=("Basic",))
    service.folders["inbox"] = mails("b-", 3)
    monkeypatch.setenv("EWS_PASSWORD", service.password)
    try:
        assert drain(ews(service, **password_options(service, auth="basic")))[0] == [
            "b-0",
            "b-1",
            "b-2",
        ]
        with pytest.raises(ExchangeLoginFailed, match=r"wrong Exchange user or password \(ntlm"):
            ews(service, **password_options(service)).fetch(None)
    finally:
        service.close()
    assert set(service.logins) == {service.user}  # basic logs in with every request


def test_a_wrong_password_fails_the_run_clearly_and_no_secret_is_logged(
    service, fake_odoo, monkeypatch, caplog
):
    url, odoo = fake_odoo
    monkeypatch.setenv("EWS_PASSWORD", "Wr0ng-Pa55word")
    settings = Settings(
        odoo=OdooSettings(url=url, api_key=SecretStr("k"), max_retries=1),
        sources=[
            SourceSettings(
                name="exchange",
                kind="ews",
                options={"url": service.url, **password_options(service)},
            )
        ],
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(ExchangeLoginFailed):
        run_source(settings, settings.sources[0], OdooClient(settings.odoo))
    ((args, _kwargs),) = odoo.methods("sync_end")
    error = args[2]
    assert error.startswith("ExchangeLoginFailed: ")
    assert "wrong Exchange user or password (ntlm, user sales@example.com)" in error
    assert service.url in error
    assert service.refused == ["NTLM"] and service.logins == []
    for text in (error, caplog.text):
        assert "Wr0ng-Pa55word" not in text and service.password not in text


def test_debug_logs_mask_the_authorization_header(monkeypatch, caplog):
    """exchangelib logs every request's headers at DEBUG (crm-sync -v): a basic
    password would be in them, base64-encoded."""
    service = EwsService(schemes=("Basic",))
    service.folders["inbox"] = mails("d-", 1)
    monkeypatch.setenv("EWS_PASSWORD", service.password)
    try:
        with caplog.at_level(logging.DEBUG):
            drain(ews(service, **password_options(service, auth="basic")))
    finally:
        service.close()
    basic = base64.b64encode(f"{service.user}:{service.password}".encode()).decode()
    assert "Request headers" in caplog.text  # exchangelib did log them
    assert "'Authorization': '***'" in caplog.text
    assert basic not in caplog.text and service.password not in caplog.text


def test_oauth_app_token_from_msal_impersonates_the_mailbox(monkeypatch, entra, caplog):
    service = EwsService(entra=entra)
    service.folders["inbox"] = mails("o-", 3)
    service.folders["sentitems"] = mails("s-", 1)
    try:
        with caplog.at_level(logging.DEBUG):
            ids, cursor = drain(ews(service, **oauth_options(service, entra)))
            # a source built again (the next run) uses the token msal cached
            service.folders["inbox"] += mails("late-", 1)
            later, _ = drain(ews(service, **oauth_options(service, entra)), cursor)
    finally:
        service.close()
    assert ids == ["o-0", "o-1", "o-2", "s-0"] and later == ["late-0"]
    assert entra.token_requests == 1
    assert set(service.impersonated) == {service.mailbox} and len(service.impersonated) >= 6
    assert service.logins == []  # no password login at all
    for token in entra.tokens:
        assert token not in caplog.text
    assert APP_SECRET not in caplog.text


def test_oauth_token_for_another_resource_is_refused_by_exchange(entra):
    service = EwsService(entra=entra)
    try:
        # the default scope is Exchange Online's: this server is not it
        options = oauth_options(service, entra)
        del options["oauth_scope"]
        with pytest.raises(ExchangeLoginFailed, match="refused the OAuth token of the app"):
            ews(service, **options).fetch(None)
    finally:
        service.close()
    assert "Bearer" in service.refused and service.impersonated == []


def test_oauth_wrong_client_secret_says_so_without_the_secret(entra, monkeypatch):
    monkeypatch.setenv("EWS_APP_SECRET", "not-the-app-secret")
    service = EwsService(entra=entra)
    try:
        with pytest.raises(TokenError) as caught:
            ews(service, **oauth_options(service, entra)).fetch(None)
    finally:
        service.close()
    message = str(caught.value)
    assert "invalid_client" in message and "wrong client id or client secret" in message
    assert "not-the-app-secret" not in message and APP_SECRET not in message
    assert entra.refused == ["invalid_client"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"auth": "oauth", "client_id": "a", "client_secret_env": "S"}, "needs mailbox, tenant_id"),
        ({"username": "CORP\\sales", "password_env": "P"}, '"mailbox" is required'),
        ({"password_env": "P"}, "needs username"),
        ({"auth": "kerberos", "username": "a@b.example", "password_env": "P"}, 'option "auth"'),
        ({"username": "a@b.example", "password_env": "P", "server_version": "Exchange2099"},
         "'Exchange2099' is not an EWS version"),
    ],
)  # fmt: skip
def test_ews_options_say_what_an_auth_needs(options, message):
    with pytest.raises(ValueError, match=message):
        SourceSettings(name="x", kind="ews", options={"url": "https://mail.example/EWS", **options})


def test_an_unset_app_secret_is_named(monkeypatch):
    monkeypatch.delenv("EWS_APP_SECRET", raising=False)
    with pytest.raises(SourceConfigError, match="EWS_APP_SECRET"):
        build_source(
            SourceSettings(
                name="x",
                kind="ews",
                options={
                    "url": "https://mail.example/EWS/Exchange.asmx",
                    "auth": "oauth",
                    "client_id": APP,
                    "client_secret_env": "EWS_APP_SECRET",
                    "tenant_id": "contoso",
                    "mailbox": "sales@example.com",
                },
            )
        )


def test_a_silent_exchange_times_out(monkeypatch):
    """A server that accepts the connection and never answers: the fetch fails within
    the source's timeout, not after exchangelib's default two minutes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
    monkeypatch.setenv("EWS_PASSWORD", "x")
    source = build_source(
        SourceSettings(
            name="slow",
            kind="ews",
            options={
                "url": f"http://127.0.0.1:{listener.getsockname()[1]}/EWS/Exchange.asmx",
                "username": "sales@example.com",
                "password_env": "EWS_PASSWORD",
                "timeout_seconds": 1,
            },
        )
    )
    started = time.monotonic()
    try:
        with pytest.raises(OSError, match=r"EWS at http://127\.0\.0\.1"):
            source.fetch(None)
    finally:
        listener.close()
    assert time.monotonic() - started < 10


def test_check_probes_the_login(service, monkeypatch):
    """`crm-sync check` logs in: a wrong password is found before the first run."""
    source = ews(service, **password_options(service))
    assert source.probe() == f"ntlm login to {service.mailbox} at {service.url}"
    monkeypatch.setenv("EWS_PASSWORD", "nope")
    with pytest.raises(ExchangeLoginFailed, match="wrong Exchange user or password"):
        ews(service, **password_options(service)).probe()


def test_an_expired_token_is_replaced_and_the_sync_goes_on(monkeypatch):
    """Tokens of 61 s, sent until a minute before they expire: every page finds its token
    expired, exchangelib asks for another, msal fetches it (a token this short is never
    served from its cache), and the sync goes on."""
    entra = EntraService({APP: APP_SECRET}, expires_in=61)
    monkeypatch.setenv("EWS_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", entra.ca_file)
    service = EwsService(entra=entra)
    service.folders["inbox"] = mails("x-", 3)
    try:
        source = ews(service, **oauth_options(service, entra, folders=["inbox"], page_size=1))
        ids, cursor = [], None
        while True:
            time.sleep(1.1)
            page = source.fetch(cursor)
            ids += [s.mapped["external_id"] for s in page.submissions]
            cursor = page.next_cursor
            if not page.more:
                break
    finally:
        service.close()
        entra.close()
    assert ids == ["x-0", "x-1", "x-2"]
    assert entra.token_requests >= 3
    assert "Bearer" not in service.refused  # never sent an expired token


@pytest.mark.parametrize("auth", ["ntlm", "oauth"])
def test_a_run_after_a_run_reuses_no_stale_connection_pool(auth, service, entra):
    """exchangelib keeps a pool per endpoint and credentials for the process: each
    source built again (every run) replaces its own, so they do not pile up."""
    from exchangelib.protocol import Protocol

    if auth == "oauth":
        service.close()
        service = EwsService(entra=entra)
        service.folders["inbox"] = mails("p-", 1)
        options = oauth_options(service, entra)
    else:
        options = password_options(service)
    try:
        for _run in range(3):
            drain(ews(service, **options))
        pools = [key for key in Protocol._protocol_cache if key[0] == service.url]
    finally:
        service.close()
    assert len(pools) == 1
