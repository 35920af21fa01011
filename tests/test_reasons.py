"""Dead letters carry their reason as codes with parameters, which Odoo renders in the
reader's language (crm_sync_connector's crm.sync.dead.letter.reason), beside the English
text the worker logs."""

import re
from pathlib import Path

from crm_sync.config import Settings
from crm_sync.kinds import record_kind
from crm_sync.sources import Submission

ROOT = Path(__file__).resolve().parent.parent
ADDON_REASONS = ROOT / "odoo_addons/crm_sync_connector/models/crm_sync_dead_letter_reason.py"


def rejected(raw, kind="lead"):
    settings = Settings.model_construct(default_phone_region="IR", max_attachment_bytes=10**6)
    mapped = raw if isinstance(raw, dict) else {"external_id": "x-1"}
    return record_kind(kind).validate([Submission(raw, mapped)], settings).rejected[0]


def test_each_problem_is_a_code_with_its_parameters():
    letter = rejected({"external_id": "1", "email": "sara@@example.com", "phone": "12"})
    assert letter["reasons"] == [
        {"code": "email_invalid", "params": {"value": "sara@@example.com"}},
        {"code": "phone_invalid", "params": {"value": "12", "region": "IR"}},
    ]
    # the English text stays, for the log and as the letter's technical detail
    assert letter["reason"].startswith("the email address 'sara@@example.com' is not valid")
    assert "; the phone number '12' is not a valid number" in letter["reason"]


def test_a_record_without_a_way_to_reach_the_person_and_without_id():
    letter = rejected({"external_id": " ", "contact_name": "Nobody"})
    assert [item["code"] for item in letter["reasons"]] == ["no_id", "no_contact"]


def test_an_item_that_is_not_a_record():
    letter = rejected("just a line of text")
    assert letter["reasons"] == [
        {"code": "not_a_record", "params": {"type": "str", "shown": "just a line of text"}}
    ]


def test_a_mail_without_sender():
    letter = rejected(b"Subject: hello\r\n\r\nbody", kind="email")
    assert letter["reasons"] == [{"code": "mail_no_sender", "params": {}}]


def test_every_code_the_worker_sends_is_one_the_addon_renders():
    """The codes are a contract: a code the addon does not know reads as English text."""
    source = "\n".join(p.read_text() for p in (ROOT / "crm_sync").rglob("*.py"))
    sent = set(re.findall(r'(?:Refusal|InvalidMail)\(\s*"(\w+)"', source))
    known = set(re.findall(r'^    "(\w+)": _lt\(', ADDON_REASONS.read_text(), re.M))
    assert len(sent) >= 10, sent
    assert sent <= known, sent - known
