"""Validation and normalisation of submissions, by hand-picked cases and by fuzzing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm_sync.pipeline import validate
from crm_sync.records import InvalidRecord, LeadRecord, unify_persian
from crm_sync.sources import Submission


def lead(**values):
    return LeadRecord.from_raw({"external_id": "f-1", **values}, "IR")


def test_persian_and_arabic_digits_and_letters_are_unified():
    assert unify_persian("علي ك ۱۲۳ ٤٥٦") == "علی ک 123 456"
    record = lead(contact_name="علي كريمي", email="a@example.com")
    assert record.contact_name == "علی کریمی"


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
        lead(email="sara@@example.com", phone="09123456789")


def test_html_is_sanitised():
    record = lead(
        email="a@example.com", description='<p onclick="x()">Hi<script>evil()</script></p>'
    )
    assert record.description == "<p>Hi</p>"


def test_enormous_fields_are_refused_not_cut():
    with pytest.raises(InvalidRecord, match="longer than 255"):
        lead(email="a@example.com", contact_name="x" * 300)
    with pytest.raises(InvalidRecord, match="description"):
        lead(email="a@example.com", description="y" * 30_000)


def test_a_contact_needs_an_email_or_a_phone():
    with pytest.raises(InvalidRecord, match="neither an email nor a phone"):
        lead(contact_name="Nobody")


def test_missing_external_id():
    with pytest.raises(InvalidRecord, match="external_id"):
        LeadRecord.from_raw({"email": "a@example.com"}, "IR")


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
