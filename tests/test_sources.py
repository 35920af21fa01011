"""Every source against a real server (or folder) on loopback, and the same conformance
checks over all of them: pages in order, a cursor that resumes, nothing changed at the
source."""

from __future__ import annotations

import json

import pytest

from crm_sync.config import SourceSettings
from crm_sync.sources import build_source
from tests.loopback import WebFormProvider
from tests.soap_service import SoapFormService

ROWS = [
    {
        "id": f"s-{n}",
        "name": f"Visitor {n}",
        "email": f"v{n}@example.com",
        "submitted_at": f"2026-11-{n + 1:02d}",
    }
    for n in range(25)
]


def drain(source, cursor=None, limit=50):
    """Fetch pages until the source says there is no more; return ids and the last cursor."""
    ids = []
    for _ in range(limit):
        page = source.fetch(cursor)
        ids += [s.mapped["external_id"] for s in page.submissions]
        cursor = page.next_cursor
        if not page.more:
            break
    return ids, cursor


@pytest.fixture
def rest_provider():
    provider = WebFormProvider()
    provider.submissions = [dict(row) for row in ROWS]
    yield provider
    provider.close()


@pytest.fixture
def soap_service():
    service = SoapFormService()
    service.submissions = [{k: v for k, v in row.items() if k != "submitted_at"} for row in ROWS]
    yield service
    service.close()


def rest(provider, pagination, **options):
    return build_source(
        SourceSettings(
            name="forms",
            kind="rest_json",
            options={"url": provider.url, "pagination": pagination, "page_size": 10, **options},
        )
    )


def soap(service, tmp_path):
    return build_source(
        SourceSettings(
            name="soap-forms",
            kind="soap",
            options={
                "wsdl": service.wsdl,
                "operation": "GetSubmissions",
                "items": "submission",
                "page_size": 10,
                "wsdl_cache": str(tmp_path / "wsdl.db"),
            },
        )
    )


def folder(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.jsonl").write_text(
        "\n".join(json.dumps(row) for row in ROWS[:15]) + "\n\n", encoding="utf-8"
    )
    with (drop / "b.csv").open("w", encoding="utf-8") as handle:
        handle.write("id,name,email\n")
        for row in ROWS[15:]:
            handle.write(f"{row['id']},{row['name']},{row['email']}\n")
    return build_source(
        SourceSettings(
            name="drop", kind="file", options={"path": str(drop), "pattern": "*.*", "page_size": 10}
        )
    )


@pytest.mark.parametrize("pagination", ["page", "offset", "cursor", "since"])
def test_rest_paginations_read_everything_once(rest_provider, pagination):
    ids, cursor = drain(rest(rest_provider, pagination))
    assert sorted(set(ids)) == sorted(r["id"] for r in ROWS)
    if pagination != "since":  # since re-reads the boundary on purpose
        assert len(ids) == len(ROWS)
    # new submissions: resuming from the stored cursor yields them
    rest_provider.submissions.append(
        {"id": "s-new", "email": "n@example.com", "submitted_at": "2026-12-31"}
    )
    more, _ = drain(rest(rest_provider, pagination), cursor)
    assert "s-new" in more
    assert len(more) <= 11


def test_rest_sends_the_token_from_the_environment(monkeypatch, jsonrpc_server):
    """Secrets come from the environment, never from the configuration file."""
    import http.server
    import threading

    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen["auth"] = self.headers.get("Authorization")
            data = b'{"data": []}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("FORMS_TOKEN", "t0ken")
    source = build_source(
        SourceSettings(
            name="x",
            kind="rest_json",
            options={
                "url": f"http://127.0.0.1:{server.server_port}/",
                "auth": "bearer",
                "token_env": "FORMS_TOKEN",
            },
        )
    )
    source.fetch(None)
    server.shutdown()
    assert seen["auth"] == "Bearer t0ken"


def test_rest_field_mapping(rest_provider):
    rest_provider.submissions = [
        {"uuid": "u1", "contact": {"mail": "m@example.com", "tel": "0912"}}
    ]
    source = rest(
        rest_provider,
        "page",
        fields={"external_id": "uuid", "email": "contact.mail", "phone": "contact.tel"},
    )
    mapped = source.fetch(None).submissions[0].mapped
    assert (mapped["external_id"], mapped["email"], mapped["phone"]) == (
        "u1",
        "m@example.com",
        "0912",
    )


def test_soap_pages_and_cached_wsdl(soap_service, tmp_path):
    ids, cursor = drain(soap(soap_service, tmp_path))
    assert ids == [r["id"] for r in ROWS]
    assert cursor == "3"
    soap(soap_service, tmp_path)  # a second client reads the WSDL from the cache
    assert soap_service.wsdl_requests == 1


def test_file_drop_folder_resumes_and_leaves_files_alone(tmp_path):
    source = folder(tmp_path)
    before = {p.name: p.read_bytes() for p in (tmp_path / "drop").iterdir()}
    first = source.fetch(None)
    assert len(first.submissions) == 10 and first.more
    ids, cursor = drain(source, first.next_cursor)
    assert [s.mapped["external_id"] for s in first.submissions] + ids == [r["id"] for r in ROWS]
    assert cursor == "b.csv:10"
    assert drain(source, cursor)[0] == []
    assert before == {p.name: p.read_bytes() for p in (tmp_path / "drop").iterdir()}


def test_a_line_that_is_not_json_is_kept_for_its_dead_letter(tmp_path):
    drop = tmp_path / "d"
    drop.mkdir()
    (drop / "x.jsonl").write_text(
        '{"id": "1", "email": "a@example.com"}\nnot json\n', encoding="utf-8"
    )
    source = build_source(SourceSettings(name="d", kind="file", options={"path": str(drop)}))
    raws = [s.raw for s in source.fetch(None).submissions]
    assert raws == [{"id": "1", "email": "a@example.com"}, "not json"]


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown kind 'ftp'"):
        build_source(SourceSettings(name="x", kind="ftp"))


def test_eml_folder_and_mbox(tmp_path):
    import mailbox

    drop = tmp_path / "mails"
    drop.mkdir()
    (drop / "a.eml").write_bytes(b"From: a@x.example\r\nMessage-ID: <1@x>\r\n\r\none\r\n")
    box = mailbox.mbox(drop / "b.mbox")
    for n in range(3):
        box.add(f"From: b@x.example\nMessage-ID: <b{n}@x>\n\nbody {n}\n".encode())
    box.close()
    source = build_source(
        SourceSettings(name="m", kind="eml", options={"path": str(drop), "page_size": 2})
    )
    assert source.record_kind == "email"
    first = source.fetch(None)
    second = source.fetch(first.next_cursor)
    third = source.fetch(second.next_cursor)
    raws = [s.raw for page in (first, second, third) for s in page.submissions]
    assert len(raws) == 4 and b"<b2@x>" in raws[-1]
    assert source.fetch(third.next_cursor).submissions == []


def test_imap_reads_without_marking_and_restarts_on_new_uidvalidity(monkeypatch):
    from tests.imap_server import ImapServer

    server = ImapServer()
    try:
        for n in range(3):
            server.append(f"From: a@x.example\r\nMessage-ID: <i{n}@x>\r\n\r\nbody\r\n".encode())
        monkeypatch.setenv("IMAP_PW", server.password)
        source = build_source(
            SourceSettings(
                name="mbox",
                kind="imap",
                options={
                    "port": server.port,
                    "ssl": False,
                    "username": server.user,
                    "password_env": "IMAP_PW",
                    "page_size": 2,
                },
            )
        )
        ids, cursor = drain(source)
        assert len(ids) == 3
        assert all(b"\\Seen" not in flags for flags in server.flags())
        stale = json.dumps({"INBOX": [1, 99]})  # a cursor from a folder rebuilt since
        assert len(drain(source, stale)[0]) == 3
        assert drain(source, cursor)[0] == []
    finally:
        server.close()


def test_graph_delta_queries_resume_and_survive_throttling(monkeypatch):
    from tests.graph_service import GraphService

    service = GraphService()
    try:
        for n in range(7):
            service.folders["inbox"].append(
                (f"in-{n}", f"From: a@x.example\r\nMessage-ID: <g{n}@x>\r\n\r\nhi\r\n".encode())
            )
        service.folders["sentitems"].append(
            ("out-0", b"From: me@x.example\r\nMessage-ID: <s0@x>\r\n\r\nyo\r\n")
        )
        service.throttle_next = 1  # the first call gets a 429 with Retry-After
        monkeypatch.setenv("GRAPH_SECRET", service.secret)
        source = build_source(
            SourceSettings(
                name="m365",
                kind="graph",
                options={
                    "mailbox": "sales",
                    "client_id": "app",
                    "client_secret_env": "GRAPH_SECRET",
                    "base_url": service.base,
                    "token_url": service.token_url,
                    "page_size": 3,
                },
            )
        )
        assert source.record_kind == "email"
        ids, cursor = drain(source)
        assert ids == [f"in-{n}" for n in range(7)] + ["out-0"]
        assert service.token_requests == 1
        assert drain(source, cursor)[0] == []
        service.folders["inbox"].append(
            ("in-7", b"From: a@x.example\r\nMessage-ID: <g7@x>\r\n\r\nnew\r\n")
        )
        assert drain(source, cursor)[0] == ["in-7"]
    finally:
        service.close()


def test_ews_sync_state_resumes_and_reads_mime(monkeypatch):
    from tests.ews_service import EwsService

    service = EwsService()
    try:
        for n in range(5):
            service.folders["inbox"].append(
                (f"AAMk{n}", f"From: a@x.example\r\nMessage-ID: <e{n}@x>\r\n\r\nhi\r\n".encode())
            )
        service.folders["sentitems"].append(
            ("AAMs0", b"From: me@x.example\r\nMessage-ID: <es0@x>\r\n\r\nyo\r\n")
        )
        monkeypatch.setenv("EWS_PASSWORD", service.password)
        source = build_source(
            SourceSettings(
                name="exchange",
                kind="ews",
                options={
                    "url": service.url,
                    "username": service.user,
                    "password_env": "EWS_PASSWORD",
                    "page_size": 2,
                },
            )
        )
        first = source.fetch(None)
        assert [s.mapped["external_id"] for s in first.submissions] == ["AAMk0", "AAMk1"]
        assert b"<e0@x>" in first.submissions[0].raw
        ids, cursor = drain(source, first.next_cursor)
        assert ids == ["AAMk2", "AAMk3", "AAMk4", "AAMs0"]
        assert drain(source, cursor)[0] == []
        service.folders["inbox"].append(
            ("AAMk5", b"From: a@x.example\r\nMessage-ID: <e5@x>\r\n\r\nnew\r\n")
        )
        assert drain(source, cursor)[0] == ["AAMk5"]
    finally:
        service.close()


def test_ews_wrong_password_is_an_error(monkeypatch):
    import requests

    from tests.ews_service import EwsService

    service = EwsService()
    monkeypatch.setenv("EWS_PASSWORD", "wrong")
    source = build_source(
        SourceSettings(
            name="x",
            kind="ews",
            options={"url": service.url, "username": "sales", "password_env": "EWS_PASSWORD"},
        )
    )
    try:
        with pytest.raises(requests.HTTPError):
            source.fetch(None)
    finally:
        service.close()
