"""Every source against a real server (or folder) on loopback, and the same conformance
checks over all of them: pages in order, a cursor that resumes, nothing changed at the
source."""

from __future__ import annotations

import json
import re

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
    assert json.loads(cursor) == {"a.jsonl": 16, "b.csv": 10}
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
    with pytest.raises(ValueError, match='unknown kind "ftp" \\(valid kinds: rest_json, soap'):
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
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", service.ca_file)  # its token endpoint's
        source = _graph_source(service, page_size=3)
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
        source = _ews_source(service, page_size=2)
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
    from crm_sync.sources.ews import ExchangeLoginFailed
    from tests.ews_service import EwsService

    service = EwsService()
    monkeypatch.setenv("EWS_PASSWORD", "wrong")
    source = _ews_source(service)
    try:
        with pytest.raises(ExchangeLoginFailed, match="wrong Exchange user or password"):
            source.fetch(None)
    finally:
        service.close()
    assert service.refused == ["NTLM"] and service.logins == []


# ------------------------------------------------------------------ issue 10


def all_records(source, settings=None):
    """Every page of `source`, mapped and validated as the pipeline does."""
    from crm_sync.config import Settings
    from crm_sync.kinds import record_kind

    settings = settings or Settings.model_construct(default_phone_region="IR")
    records, rejected, cursor, pages = [], [], None, 0
    while True:
        page = source.fetch(cursor)
        pages += 1
        batch = record_kind("lead").validate(page.submissions, settings)
        records += batch.records
        rejected += batch.rejected
        cursor = page.next_cursor
        if not page.more:
            return records, rejected, pages


def test_a_typeform_like_provider_by_configuration_alone(monkeypatch):
    """Token-paged, bearer auth, answers in a list keyed by field id in no fixed order:
    1,000 submissions, every one read, names joined from two answers."""
    from tests.form_providers import TypeformLike, typeform_source

    provider = TypeformLike(1000)
    monkeypatch.setenv("TYPEFORM_TOKEN", TypeformLike.TOKEN)
    try:
        source = build_source(SourceSettings(**typeform_source(provider)))
        records, rejected, pages = all_records(source)
    finally:
        provider.close()
    assert rejected == []
    assert len({r["external_id"] for r in records}) == 1000
    assert pages == 6  # five full pages of 200, then an empty one says it is the end
    first = records[0]
    assert (first["contact_name"], first["email"]) == ("Sara0 Ahmadi", "tf.0@forms.example")
    assert "phone" not in first  # n % 3 == 0 left the optional question out
    assert records[1]["phone"] == "+989350000001"
    assert records[1]["description"] == "Please call me (1)"


def test_a_gravity_forms_like_provider_by_configuration_alone(monkeypatch):
    """Page-paged, basic auth, numbered field keys with dots ("1.3"): 1,000 entries."""
    from tests.form_providers import GravityFormsLike, gravity_source

    provider = GravityFormsLike(1000)
    monkeypatch.setenv("GRAVITY_PASSWORD", GravityFormsLike.PASSWORD)
    try:
        source = build_source(SourceSettings(**gravity_source(provider)))
        records, rejected, _pages = all_records(source)
    finally:
        provider.close()
    assert rejected == []
    assert [r["external_id"] for r in records] == [str(n + 1) for n in range(1000)]
    assert records[0]["contact_name"] == "Ali0"  # an empty last name leaves no blank
    assert records[1]["contact_name"] == "Ali1 Karimi"
    assert records[1]["email"] == "gf.1@forms.example"
    assert records[1]["phone"] == "+989360000001"


def test_a_full_page_without_next_cursor_is_a_warning(rest_provider, caplog):
    """A misconfigured next_path would silently stop after one page: it is said."""
    source = rest(rest_provider, "cursor", next_path="links.next")
    with caplog.at_level("WARNING"):
        page = source.fetch(None)
    assert len(page.submissions) == 10 and not page.more
    assert page.warnings and "no next cursor at next_path 'links.next'" in page.warnings[0]
    assert "no next cursor" in caplog.text
    # a partial page without cursor is simply the end
    rest_provider.submissions = rest_provider.submissions[:3]
    assert rest(rest_provider, "cursor", next_path="links.next").fetch(None).warnings == []


def test_since_paging_does_not_stall_on_a_shared_timestamp(rest_provider):
    """25 submissions in the same second, pages of 10: all read, none twice."""
    for row in rest_provider.submissions:
        row["submitted_at"] = "2026-11-23T10:00:00"
    ids, cursor = drain(rest(rest_provider, "since"))
    assert sorted(ids) == sorted(r["id"] for r in ROWS)
    assert len(ids) == len(ROWS)
    rest_provider.submissions.append(
        {"id": "s-late", "email": "l@example.com", "submitted_at": "2026-11-23T10:00:00"}
    )
    assert drain(rest(rest_provider, "since"), cursor)[0] == ["s-late"]


def test_an_unset_token_variable_is_an_error_naming_it(monkeypatch):
    from crm_sync.sources import SourceConfigError

    monkeypatch.delenv("FORMS_TOKEN", raising=False)
    settings = SourceSettings(
        name="website",
        kind="rest_json",
        options={"url": "http://127.0.0.1:9/", "auth": "bearer", "token_env": "FORMS_TOKEN"},
    )
    with pytest.raises(SourceConfigError, match=r"FORMS_TOKEN .*is not set"):
        build_source(settings)
    monkeypatch.setenv("FORMS_TOKEN", "")
    with pytest.raises(SourceConfigError, match="FORMS_TOKEN"):
        build_source(settings)
    without = SourceSettings(
        name="website", kind="rest_json", options={"url": "http://x.example/", "auth": "bearer"}
    )
    with pytest.raises(SourceConfigError, match='option "token_env" is required'):
        build_source(without)


def test_a_provider_answering_html_is_reported_as_such():
    import http.server
    import threading

    from crm_sync.sources.rest_json import ProviderError

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!DOCTYPE html><html><body>Log in to continue</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/api/forms"
    source = build_source(
        SourceSettings(name="website", kind="rest_json", options={"url": url + "?api_key=s3"})
    )
    try:
        with pytest.raises(ProviderError) as caught:
            source.fetch(None)
    finally:
        server.shutdown()
    message = str(caught.value)
    assert "answered HTML instead of JSON" in message
    assert url in message and "<!DOCTYPE html><html>" in message
    assert "s3" not in message  # the URL's secret query value is masked


def test_the_file_source_reads_a_file_named_before_the_cursor(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "b.jsonl").write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    source = build_source(SourceSettings(name="d", kind="file", options={"path": str(drop)}))
    ids, cursor = drain(source)
    assert ids == ["s-0"]
    (drop / "a.jsonl").write_text(json.dumps(ROWS[1]) + "\n", encoding="utf-8")  # late, sorts first
    with (drop / "b.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(ROWS[2]) + "\n")  # and the known file grows
    ids, cursor = drain(source, cursor)
    assert sorted(ids) == ["s-1", "s-2"]
    assert drain(source, cursor)[0] == []


def test_the_eml_source_sends_many_files_per_page(tmp_path):
    drop = tmp_path / "mails"
    drop.mkdir()
    for n in range(25):
        (drop / f"{n:03d}.eml").write_bytes(
            f"From: a@x.example\r\nMessage-ID: <m{n}@x>\r\n\r\nbody {n}\r\n".encode()
        )
    source = build_source(
        SourceSettings(name="m", kind="eml", options={"path": str(drop), "page_size": 10})
    )
    sizes, cursor = [], None
    while True:
        page = source.fetch(cursor)
        sizes.append(len(page.submissions))
        cursor = page.next_cursor
        if not page.more:
            break
    assert sizes == [10, 10, 5]
    (drop / "000-late.eml").write_bytes(b"From: a@x.example\r\nMessage-ID: <late@x>\r\n\r\nx\r\n")
    assert [s.mapped["external_id"] for s in source.fetch(cursor).submissions] == ["000-late.eml:0"]


def test_the_eml_source_keeps_a_page_within_its_byte_budget(tmp_path):
    drop = tmp_path / "mails"
    drop.mkdir()
    for n in range(4):
        (drop / f"{n}.eml").write_bytes(b"From: a@x.example\r\n\r\n" + b"x" * 3000 + b"\r\n")
    source = build_source(
        SourceSettings(name="m", kind="eml", options={"path": str(drop), "max_page_bytes": 7000})
    )
    first = source.fetch(None)
    assert len(first.submissions) == 2 and first.more


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, 'source "website": option "url" is required'),
        ({"url": "http://x/", "pagniation": "page"}, '"pagniation" is not an option of rest_json'),
        ({"url": "http://x/", "pagination": "pages"}, 'option "pagination"'),
        ({"url": "http://x/", "fields": {"emial": "mail"}}, "'emial' is not one of our fields"),
        ({"url": "http://x/", "fields": {"email": "a..b"}}, "has an empty key"),
    ],
)
def test_source_options_are_checked(options, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        SourceSettings(name="website", kind="rest_json", options=options)


def _graph_source(service, **options):
    """A Graph source on the loopback Graph service (its secret in GRAPH_SECRET)."""
    return build_source(
        SourceSettings(
            name="m365",
            kind="graph",
            options={
                "mailbox": "sales",
                "client_id": "app",
                "client_secret_env": "GRAPH_SECRET",
                "base_url": service.base,
                "token_url": service.token_url,
                **options,
            },
        )
    )


def _ews_source(service, **options):
    """An EWS source on the loopback EWS service (NTLM, its password in EWS_PASSWORD)."""
    return build_source(
        SourceSettings(
            name="exchange",
            kind="ews",
            options={
                "url": service.url,
                "username": service.user,
                "password_env": "EWS_PASSWORD",
                **options,
            },
        )
    )


def _big_mails(count: int, size: int) -> list[tuple[str, bytes]]:
    return [
        (f"big-{n}", f"From: a@x.example\r\nMessage-ID: <big{n}@x>\r\n\r\n".encode() + b"x" * size)
        for n in range(count)
    ]


def test_graph_pages_keep_within_their_byte_budget(monkeypatch):
    """Five 3 KB mails, pages of 5 but 7 KB of budget: the delta page is taken in two
    parts, every mail once. Graph does not tell a mail's size before it is downloaded, so
    a page holds at most the budget plus the one mail that crossed it."""
    from tests.graph_service import GraphService

    service = GraphService()
    try:
        service.folders["inbox"] = _big_mails(5, 3000)
        monkeypatch.setenv("GRAPH_SECRET", service.secret)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", service.ca_file)  # its token endpoint's
        source = _graph_source(service, folders=["inbox"], page_size=5, max_page_bytes=7000)
        sizes, ids, cursor = [], [], None
        while True:
            page = source.fetch(cursor)
            sizes.append(sum(len(s.raw) for s in page.submissions))
            ids += [s.mapped["external_id"] for s in page.submissions]
            cursor = page.next_cursor
            if not page.more:
                break
    finally:
        service.close()
    assert ids == [f"big-{n}" for n in range(5)]
    assert len(sizes) == 2 and max(sizes) < 7000 + 3100


def test_ews_pages_keep_within_their_byte_budget(monkeypatch):
    from tests.ews_service import EwsService

    service = EwsService()
    try:
        service.folders["inbox"] = _big_mails(5, 3000)
        monkeypatch.setenv("EWS_PASSWORD", service.password)
        source = _ews_source(service, folders=["inbox"], page_size=5, max_page_bytes=7000)
        pages, ids, cursor = [], [], None
        while True:
            page = source.fetch(cursor)
            pages.append(len(page.submissions))
            ids += [s.mapped["external_id"] for s in page.submissions]
            cursor = page.next_cursor
            if not page.more:
                break
    finally:
        service.close()
    assert ids == [f"big-{n}" for n in range(5)]
    assert pages == [2, 2, 1]
