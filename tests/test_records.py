"""Validation and normalisation of submissions, by hand-picked cases and by fuzzing."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm_sync.config import Settings, SourceSettings
from crm_sync.kinds import record_kind
from crm_sync.records import InvalidRecord, LeadRecord, unify_persian, with_english_notes
from crm_sync.sources import Submission, build_source


def validate(submissions, region):
    settings = Settings.model_construct(default_phone_region=region)
    batch = record_kind("lead").validate(submissions, settings)
    return [LeadRecord.model_validate(r) for r in batch.records], batch.rejected


def lead(**values):
    return LeadRecord.from_raw({"external_id": "f-1", **values}, "IR")


def test_persian_and_arabic_digits_and_letters_are_unified():
    assert unify_persian("علي ك ۱۲۳ ٤٥٦") == "علی ک 123 456"
    record = lead(contact_name="علي كريمي", email="a@example.com")
    assert record.contact_name == "علی کریمی"


def test_persian_keeps_its_zero_width_non_joiner_and_direction_marks():
    """Issue 28: "می‌خواهم" arrived as "میخواهم": only printable characters were kept and
    U+200C is not one. Persian keeps ZWNJ, ZWJ and the direction marks; bidi embeddings,
    overrides and isolates (a subject shown as "…exe.png") and control characters go."""
    record = lead(
        contact_name="مریم\u200cالسادات \u200fحسینی\u200e",
        name="می\u200cخواهم \u202efdp.exe\u202c \u2066x\u2069\x07",
        description="<p>نامه\u200cها\u200d</p>",
        email="a@example.com",
    )
    assert record.contact_name == "مریم\u200cالسادات \u200fحسینی\u200e"
    assert record.name == "می\u200cخواهم fdp.exe x"
    assert "نامه\u200cها\u200d" in record.description


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "+989123456789"),
        ("0912-345-6789", "+989123456789"),
        ("+98 912 345 6789", "+989123456789"),
        ("٠٩١٢٣٤٥٦٧٨٩", "+989123456789"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phones_become_e164(raw, e164):
    assert lead(phone=raw).phone == e164


def test_emails_are_checked_and_lower_cased():
    assert lead(email="  Sara.Ahmadi@Example.COM ").email == "sara.ahmadi@example.com"
    with pytest.raises(InvalidRecord, match="email"):
        lead(email="sara@@example.com")


def test_a_wrong_email_beside_a_good_phone_still_makes_a_lead():
    """Only what cannot become a lead is a dead letter: the person can be called, and the
    lead says what the form got wrong: as a code Odoo writes in its readers' language (a
    Persian sales team reads Persian), never as English in the description."""
    record = lead(email="sara@@example.com", phone="09123456789", description="<p>Hi</p>")
    assert record.email is None and record.phone == "+989123456789"
    assert record.description == "<p>Hi</p>"
    [note] = record.notes
    assert (note["code"], note["params"]) == ("email_invalid", {"value": "sara@@example.com"})
    assert note["detail"].startswith("the email address 'sara@@example.com' is not valid")
    shipped = record.for_odoo()
    assert shipped["description"] == "<p>Hi</p>" and shipped["notes"] == [note]


def test_a_wrong_phone_beside_a_good_email_is_a_note_too():
    record = lead(email="a@example.com", phone="12")
    assert record.description is None and record.phone is None
    assert [(n["code"], n["params"]) for n in record.notes] == [
        ("phone_invalid", {"value": "12", "region": "IR"})
    ]
    assert "notes" not in lead(email="a@example.com").for_odoo()


def test_an_addon_that_predates_notes_gets_them_in_english_in_the_description():
    """What workers sent before notes, for an addon that would ignore the key."""
    shipped = with_english_notes(
        lead(email="sara@@example.com", phone="09123456789", description="<p>Hi</p>").for_odoo()
    )
    assert "notes" not in shipped
    assert shipped["description"].startswith("<p>Hi</p><p>The email address 'sara@@example.com'")
    assert shipped["description"].endswith("</p>") and ".." not in shipped["description"]


def test_html_is_sanitised():
    record = lead(
        email="a@example.com", description='<p onclick="x()">Hi<script>evil()</script></p>'
    )
    assert record.description == "<p>Hi</p>"


def test_over_long_fields_are_cut_and_their_full_text_kept():
    """A 300-character name and a 5 MB message still make a lead: the fields are cut,
    visibly, and their full text travels in `overflow` for Odoo to attach."""
    name = "x" * 300
    message = "<p>" + "y" * 5_000_000 + "</p>"
    record = lead(email="a@example.com", contact_name=name, description=message)
    assert len(record.contact_name) == 255 and record.contact_name.endswith("\u2026")
    assert len(record.description) <= 20_000 and record.description.endswith("</p>")
    assert record.overflow == [
        {"field": "contact_name", "text": name},
        {"field": "description", "text": message},
    ]
    assert "overflow" in record.for_odoo()
    assert "overflow" not in lead(email="a@example.com").for_odoo()


def test_a_contact_needs_an_email_or_a_phone():
    with pytest.raises(InvalidRecord, match="no email address or phone number to reach"):
        lead(contact_name="Nobody")


def test_missing_external_id():
    with pytest.raises(InvalidRecord, match="the submission has no id"):
        LeadRecord.from_raw({"email": "a@example.com"}, "IR")


def test_an_over_long_external_id_stays_distinct_and_stable():
    first, second = (
        lead(email="a@example.com", external_id="i" * 200 + "1"),
        lead(email="a@example.com", external_id="i" * 200 + "2"),
    )
    assert len(first.external_id) == 128
    assert first.external_id != second.external_id
    assert first.external_id == lead(email="a@example.com", external_id="i" * 200 + "1").external_id


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "No id", "email": "bad"},  # an object without an id
        "just a line of text",  # not an object at all
        ["a", "list"],
    ],
)
def test_an_item_without_id_gets_one_from_its_content(raw):
    """Read twice, it is the same dead letter (the same id), with a plain reason."""
    source = build_source(
        SourceSettings(name="forms", kind="rest_json", options={"url": "http://x.example/"})
    )
    first = validate([source.submission(raw)], "IR")[1][0]
    again = validate([source.submission(json.loads(json.dumps(raw)))], "IR")[1][0]
    assert first["external_id"] == again["external_id"]
    assert first["external_id"].startswith("sha256:")
    assert "Field required" not in first["reason"] and "external_id" not in first["reason"]


def test_reasons_are_plain_language():
    """What a sales manager reads on a dead letter: no field paths, no pydantic jargon."""
    reasons = [
        validate([Submission(raw, raw)], "IR")[1][0]["reason"]
        for raw in (
            {"external_id": "1", "email": "sara@@example.com"},
            {"external_id": "2", "phone": "12"},
            {"external_id": "3", "contact_name": "Nobody"},
            {"external_id": "4", "email": "x" * 300 + "@example.com"},
        )
    ]
    assert reasons[0].startswith("the email address 'sara@@example.com' is not valid")
    assert reasons[1].startswith("the phone number '12' is not a valid number")
    assert reasons[2] == "no email address or phone number to reach the person"
    assert "characters long" in reasons[3]
    for reason in reasons:
        assert "Field required" not in reason and "Value error" not in reason
        assert not reason.startswith(("email:", "phone:", "external_id:"))


def test_every_problem_is_reported_at_once():
    with pytest.raises(InvalidRecord) as caught:
        lead(email="bad", phone="12")
    assert "email" in str(caught.value)
    assert "phone" in str(caught.value)


def test_invalid_utf8_and_mixed_digits_in_a_batch():
    """One bad record in a batch becomes a dead letter; the others are kept."""
    raws = [
        {"external_id": "1", "email": "ok@example.com", "phone": "09۱۲3456789"},
        {"external_id": "2", "email": b"\xff\xfe".decode("utf-8", "replace")},
        {"external_id": "3", "phone": "+989121112233", "contact_name": "<b>Mixed ۱2۳</b>"},
    ]
    records, rejected = validate([Submission(raw, raw) for raw in raws], "IR")
    assert [r.external_id for r in records] == ["1", "3"]
    assert records[0].phone == "+989123456789"
    assert rejected[0]["external_id"] == "2"
    assert "email" in rejected[0]["reason"]


anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=5,
)
fields = st.sampled_from(
    ["external_id", "name", "contact_name", "partner_name", "email", "phone", "description"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        fields, anything | st.text(alphabet="۰۱۲۳۴۵۶۷۸۹0123456789+@.-<>a ", max_size=40)
    )
)
def test_fuzzed_records_are_accepted_clean_or_rejected_with_a_reason(raw):
    """Whatever a source sends, validation never crashes: a clean record or a reason."""
    records, rejected = validate([Submission(raw, raw)], "IR")
    assert len(records) + len(rejected) == 1
    if rejected:
        assert rejected[0]["reason"]
        assert isinstance(rejected[0]["payload"], str)
    else:
        record = records[0]
        assert record.email or record.phone
        assert not record.description or "<script" not in record.description
        assert record.phone is None or record.phone.startswith("+")
