"""Raw mails: never a crash; at worst a dead letter with the reason."""

import base64
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm_sync.config import Settings
from crm_sync.kinds import record_kind
from crm_sync.mails import InvalidMail, parse_mail
from crm_sync.sources import Submission


def validate_mails(submissions, max_attachment):
    settings = Settings.model_construct(max_attachment_bytes=max_attachment)
    batch = record_kind("email").validate(submissions, settings)
    return batch.records, batch.rejected


def mail(**headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.pop("From", "Sara <sara@client.example>")
    message["To"] = headers.pop("To", "seller@ourcompany.example")
    message["Subject"] = headers.pop("Subject", "Hello")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message


def test_a_plain_mail():
    message = mail(Message_ID="<a1@client.example>", Cc="boss@client.example")
    message.set_content("Hi <there>")
    parsed = parse_mail(message.as_bytes())
    assert parsed["message_id"] == "<a1@client.example>"
    assert parsed["from"] == "sara@client.example"
    assert parsed["cc"] == ["boss@client.example"]
    assert parsed["body_html"] == "<pre>Hi &lt;there&gt;</pre>"
    assert not parsed["auto_submitted"]


def test_persian_rfc2047_headers_and_arabic_letters():
    raw = (
        b"From: =?utf-8?b?2LnZhNmKINix2LbYp9uM24w=?= <ali@client.example>\r\n"
        b"Subject: =?utf-8?q?=D8=B3=D9=84=D8=A7=D9=85_=D9=83=D8=A7=D8=B1?=\r\n"
        b"Message-ID: <p1@client.example>\r\n\r\nbody\r\n"
    )
    parsed = parse_mail(raw)
    assert parsed["subject"] == "سلام کار"
    assert parsed["from_name"].startswith("علی")


def test_bidi_overrides_leave_subjects_names_and_file_names_but_zwnj_stays():
    """Issue 28 and 23: a subject or attachment name with a right-to-left override reads
    "…exe.png"; the override goes, the zero-width non-joiner of Persian stays."""
    message = mail(
        Message_ID="<b1@client.example>",
        From="\u202eمریم\u200cالسادات <m@client.example>",
        Subject="فاکتور\u200cها \u202egnp.exe",
    )
    message.set_content("body")
    message.add_attachment(
        b"MZ", maintype="application", subtype="octet-stream", filename="inv\u202egnp.exe"
    )
    parsed = parse_mail(message.as_bytes())
    assert parsed["subject"] == "فاکتور\u200cها gnp.exe"
    assert parsed["from_name"] == "مریم\u200cالسادات"
    assert parsed["attachments"][0]["name"] == "invgnp.exe"


def test_html_only_mail_is_sanitised():
    message = mail(Message_ID="<h1@x>")
    message.set_content("<p>Offer</p><script>steal()</script><img src=x onerror=y>", subtype="html")
    assert parse_mail(message.as_bytes())["body_html"] == "<p>Offer</p>"


def test_unknown_and_broken_charsets_do_not_crash():
    raw = (
        b"From: a@client.example\r\nMessage-ID: <c1@x>\r\n"
        b"Content-Type: text/plain; charset=x-no-such-charset\r\n\r\ncaf\xe9 \xff\r\n"
    )
    assert "caf" in parse_mail(raw)["body_html"]
    raw_bad_header = b"From: a@client.example\r\nSubject: =?utf-8?b?!!!?=\r\n\r\n"
    assert parse_mail(raw_bad_header)["from"] == "a@client.example"


def test_mail_without_body_or_message_id_gets_a_stable_id():
    raw = b"From: a@client.example\r\nSubject: empty\r\n\r\n"
    first, second = parse_mail(raw), parse_mail(raw)
    assert first["body_html"] == ""
    assert first["message_id"] == second["message_id"]
    assert first["message_id"].endswith("@crm-sync.generated>")


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"X_Autoreply": "yes"},
        {"From": "MAILER-DAEMON@mx.example"},
    ],
)
def test_auto_replies_and_bounces_are_flagged(headers):
    message = mail(Message_ID="<auto@x>", **headers)
    message.set_content("away")
    assert parse_mail(message.as_bytes())["auto_submitted"]


def test_attachments_kept_up_to_the_limit_and_listed_beyond():
    message = mail(Message_ID="<att@x>")
    message.set_content("see attached")
    message.add_attachment(b"small", maintype="text", subtype="plain", filename="note.txt")
    message.add_attachment(b"x" * 2048, maintype="application", subtype="pdf", filename="big.pdf")
    attachments = parse_mail(message.as_bytes(), max_attachment=1024)["attachments"]
    assert attachments[0] == {
        "name": "note.txt",
        "mimetype": "text/plain",
        "size": 5,
        "data": base64.b64encode(b"small").decode(),
    }
    assert attachments[1]["size"] == 2048 and attachments[1]["data"] is None


def test_a_mail_without_sender_is_a_dead_letter():
    mails, rejected = validate_mails(
        [Submission(b"Subject: who?\r\n\r\n", {"external_id": "1"})], 1024
    )
    assert mails == []
    assert "no From" in rejected[0]["reason"]
    with pytest.raises(InvalidMail):
        parse_mail(b"\x00\x01garbage")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzzed_bytes_never_crash(raw):
    mails, rejected = validate_mails([Submission(b"From: a@b.example\r\n" + raw, {})], 1024)
    assert len(mails) + len(rejected) == 1


def test_a_huge_attachment_is_measured_not_parsed():
    """A 3 MB attachment over a 1 MB limit is cut before parsing: its size is reported,
    the text around it is intact."""
    message = mail(Message_ID="<huge@x>")
    message.set_content("before the scan")
    message.add_attachment(
        bytes(range(256)) * 12288, maintype="application", subtype="pdf", filename="scan.pdf"
    )
    message.add_attachment(b"tiny", maintype="text", subtype="plain", filename="tiny.txt")
    parsed = parse_mail(message.as_bytes(), max_attachment=1024 * 1024)
    assert "before the scan" in parsed["body_html"]
    scan, tiny = parsed["attachments"]
    assert scan["name"] == "scan.pdf" and scan["data"] is None
    assert abs(scan["size"] - 3 * 1024 * 1024) < 1024
    assert base64.b64decode(tiny["data"]) == b"tiny"


@pytest.fixture
def tehran(monkeypatch):
    """The worker's host in Asia/Tehran (UTC+03:30)."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tehran")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_dates_are_stored_in_utc_whatever_the_hosts_zone(tehran):
    import time

    assert time.strftime("%z") == "+0330"  # the zone really is in effect
    message = mail(Message_ID="<d1@x>", Date="Mon, 23 Nov 2026 10:00:00 +0000")
    message.set_content("hi")
    assert parse_mail(message.as_bytes())["date"] == "2026-11-23 10:00:00"
    message.replace_header("Date", "Mon, 23 Nov 2026 13:30:00 +0330")
    assert parse_mail(message.as_bytes())["date"] == "2026-11-23 10:00:00"


def without_message_id(body: str = "Hello,\nplease call me.\n") -> bytes:
    message = mail(
        Subject="سلام، a long subject that is folded by some channels and not by others",
        Cc="Boss <boss@client.example>",
        Date="Mon, 23 Nov 2026 10:00:00 +0000",
    )
    message.set_content(body)
    return message.as_bytes()


def test_a_mail_without_message_id_gets_the_same_id_through_every_channel(tmp_path, monkeypatch):
    """The same mail read from an .eml file and from IMAP (where the server stores it with
    CRLF line endings) is one mail: its generated id comes from what it says."""
    from crm_sync.config import SourceSettings
    from crm_sync.sources import build_source
    from tests.imap_server import ImapServer

    raw = without_message_id()
    drop = tmp_path / "eml"
    drop.mkdir()
    (drop / "one.eml").write_bytes(raw.replace(b"\r\n", b"\n"))
    eml = build_source(SourceSettings(name="eml", kind="eml", options={"path": str(drop)}))
    from_file = eml.fetch(None).submissions[0].raw
    server = ImapServer()
    try:
        server.append(raw)
        monkeypatch.setenv("IMAP_PW", server.password)
        imap = build_source(
            SourceSettings(
                name="imap",
                kind="imap",
                options={
                    "port": server.port,
                    "ssl": False,
                    "username": server.user,
                    "password_env": "IMAP_PW",
                },
            )
        )
        from_imap = imap.fetch(None).submissions[0].raw
    finally:
        server.close()
    assert from_file != from_imap  # the channels do differ in bytes
    ids = {parse_mail(from_file)["message_id"], parse_mail(from_imap)["message_id"]}
    assert len(ids) == 1, ids
    assert ids.pop().endswith("@crm-sync.generated>")


def test_generated_ids_differ_when_the_content_does():
    assert (
        parse_mail(without_message_id("one"))["message_id"]
        != parse_mail(without_message_id("two"))["message_id"]
    )


def test_a_mail_dead_letter_keeps_the_mail_as_text_and_replays_as_a_mail():
    """Its payload is the mail a person can read and fix (not a JSON string), and replay
    parses the fixed mail again."""
    from crm_sync.config import SourceSettings
    from crm_sync.sources import build_source

    broken = b"Message-ID: <fix-me@x>\r\nSubject: who?\r\n\r\nbody\r\n"
    _mails, [letter] = validate_mails([Submission(broken, {"external_id": "m:1"})], 1024)
    assert letter["payload"] == broken.decode()
    fixed = {"id": 5, "external_id": "m:1", "payload": "From: a@b.example\r\n" + letter["payload"]}
    source = build_source(SourceSettings(name="m", kind="eml", options={"path": "."}))
    settings = Settings.model_construct(max_attachment_bytes=1024)
    batch = record_kind("email").replay([fixed], source, settings)
    assert [(m["message_id"], m["dead_letter_id"]) for m in batch.records] == [("<fix-me@x>", 5)]
