"""What a web-form submission must look like before it reaches Odoo.

`LeadRecord.from_raw` turns a source's raw record (already mapped to our field names) into
a clean record, or raises `ValidationError` whose message says what is wrong; the pipeline
turns that into a dead letter. Normalisation: Persian and Arabic digits and letters
unified, phone numbers to E.164, emails checked and lower-cased, HTML sanitised, every
field bounded."""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import nh3
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field

from .reasons import Refusal

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII; Arabic yeh and kaf to the
# Persian letters, so that "علي" typed on an Arabic keyboard matches "علی".
_UNIFY = str.maketrans(
    {
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x0660 + d): str(d) for d in range(10)},
        "\u064a": "\u06cc",  # ي -> ی
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
        "\u0629": "\u0647",  # ة -> ه
    }
)
# Invisible characters Persian text needs, kept although they are not "printable": the
# zero-width non-joiner of "می‌خواهم", the joiner, and the left-to-right and right-to-left
# marks. Every other format or control character goes, the bidi embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) first of all: they make "gpj.exe" read as
# "exe.jpg".
PERSIAN_MARKS = "\u200c\u200d\u200e\u200f"
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "blockquote"}
MAX_TEXT = 255
MAX_DESCRIPTION = 20_000
MAX_EXTERNAL_ID = 128
#: our text fields and how long Odoo keeps each (longer text is cut, the full text attached)
TEXT_LIMITS = {
    "name": MAX_TEXT,
    "contact_name": MAX_TEXT,
    "partner_name": MAX_TEXT,
    "medium": MAX_TEXT,
    "campaign": MAX_TEXT,
    "registered_by": MAX_TEXT,
}
ELLIPSIS = "\u2026"


def unify_persian(text: str) -> str:
    return text.translate(_UNIFY)


def readable(text: str, keep: str = "") -> str:
    """`text` without control and format characters (bidi overrides included), keeping
    the marks Persian needs and the characters in `keep` (such as line breaks)."""
    return "".join(ch for ch in text if ch.isprintable() or ch in PERSIAN_MARKS or ch in keep)


def clean_text(value: Any) -> str | None:
    """Strip, unify Persian, drop control characters; None when nothing is left."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = readable(unify_persian(str(value)), keep="\n\t").strip()
    return text or None


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the cut made visible by an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def content_id(raw: Any) -> str:
    """A stable id for a submission that has none: the hash of its canonical JSON, so that
    reading it again gives the same id (one dead letter, not one per read)."""
    canonical = json.dumps(
        raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:40]


def bounded_id(text: str) -> str:
    """An external id within Odoo's 128 characters; a longer one keeps its start and a hash
    of the whole, so two long ids stay distinct and the same one stays the same."""
    if len(text) <= MAX_EXTERNAL_ID:
        return text
    return text[:86] + "~" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:41]


def normalise_phone(value: Any, region: str) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    if len(text) > 64:
        raise Refusal(
            "phone_too_long",
            f"the phone number is {len(text)} characters long, not a phone number",
            length=len(text),
        )
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise Refusal(
            "phone_unreadable", f"the phone number {text!r} is not a phone number", value=text
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise Refusal(
            "phone_invalid",
            f"the phone number {text!r} is not a valid number (read as a {region} number "
            "when it has no country code)",
            value=text,
            region=region,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: Any) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    if len(text) > 254:
        raise Refusal(
            "email_too_long",
            f"the email address is {len(text)} characters long, not an address",
            length=len(text),
        )
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Refusal(
            "email_invalid", f"the email address {text!r} is not valid: {exc}", value=text
        ) from None


def sanitise_html(value: Any) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener")


class LeadRecord(BaseModel):
    """A submission ready for `crm.sync.source.sync_push_leads`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    external_id: str = Field(min_length=1, max_length=MAX_EXTERNAL_ID)
    name: str | None = None
    contact_name: str | None = None
    partner_name: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    medium: str | None = None
    campaign: str | None = None
    registered_by: str | None = None
    dead_letter_id: int | None = None
    #: the full text of every field that had to be cut: [{"field", "text"}]; Odoo notes it
    #: on the lead and attaches the text
    overflow: list[dict[str, str]] | None = None
    #: what the form got wrong beside a way to reach the person (a wrong email beside a good
    #: phone): [{"code", "params", "detail"}], codes of `reasons` that Odoo writes into the
    #: lead's description in its readers' language; `detail` is the English text, for an
    #: addon that cannot render a code (see `with_english_notes` for one that predates notes)
    notes: list[dict[str, Any]] | None = None

    @classmethod
    def from_raw(cls, raw: dict[str, Any], region: str) -> LeadRecord:
        """Validate one mapped raw record; every problem is reported at once, in words a
        sales manager understands. Text too long for Odoo is cut, never refused: the full
        text travels in `overflow`. A wrong email or phone beside a good one travels as a note
        (`notes`: a code, never English in the description), which Odoo writes on the lead
        in its readers' language; only a record with no way to reach the person is refused."""
        errors: list[Refusal] = []
        values: dict[str, Any] = {
            "external_id": bounded_id(clean_text(raw.get("external_id")) or "")
        }
        if not values["external_id"]:
            errors.append(Refusal("no_id", "the submission has no id"))
        unreadable: list[Refusal] = []  # the email or phone the form gave, which is not one
        for field, normalise in (
            ("email", normalise_email),
            ("phone", lambda v: normalise_phone(v, region)),
        ):
            try:
                values[field] = normalise(raw.get(field))
            except Refusal as exc:
                unreadable.append(exc)
        overflow = []
        for field, limit in TEXT_LIMITS.items():
            values[field] = _fit(field, clean_text(raw.get(field)), limit, overflow)
        values["description"] = _fit_description(sanitise_html(raw.get("description")), overflow)
        if "dead_letter_id" in raw:
            values["dead_letter_id"] = raw["dead_letter_id"]
        if not (values.get("email") or values.get("phone")):
            # nobody to call or write to: this cannot become a lead
            errors.extend(
                unreadable
                or [Refusal("no_contact", "no email address or phone number to reach the person")]
            )
        elif unreadable:  # reachable all the same: the lead says what the form got wrong
            values["notes"] = [note_of(problem) for problem in unreadable]
        if errors:
            raise InvalidRecord(errors)
        return cls.model_validate({**values, "overflow": overflow or None})

    def for_odoo(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def note_of(problem: Refusal) -> dict[str, Any]:
    """A note for the lead: the problem's code and parameters, which Odoo renders in its
    readers' language, and its English text as the detail an addon falls back on."""
    return {**problem.as_reason(), "detail": str(problem)}


def with_english_notes(record: dict[str, Any]) -> dict[str, Any]:
    """`record` for an addon that predates `notes` (it would ignore them): the notes'
    English text appended to the description, as workers wrote them before."""
    notes = record.get("notes")
    if not notes:
        return record
    shipped = {key: value for key, value in record.items() if key != "notes"}
    shipped["description"] = _with_notes(
        record.get("description"), [note.get("detail") or note.get("code") for note in notes]
    )
    return shipped


def _with_notes(description: str | None, notes) -> str:
    paragraphs = "".join(
        f"<p>{html.escape(note[0].upper() + note[1:].rstrip('.'), quote=False)}.</p>"
        for note in notes
        if note
    )
    return (description or "") + paragraphs


def _fit(field: str, text: str | None, limit: int, overflow: list[dict]) -> str | None:
    if text and len(text) > limit:
        overflow.append({"field": field, "text": text})
        return shorten(text, limit)
    return text


def _fit_description(html: str | None, overflow: list[dict]) -> str | None:
    """A description over the limit is cut and sanitised again, so no tag is left open."""
    if not html or len(html) <= MAX_DESCRIPTION:
        return html
    overflow.append({"field": "description", "text": html})
    cut = nh3.clean(html[: MAX_DESCRIPTION - 64], tags=ALLOWED_TAGS, attributes={"a": {"href"}})
    return cut + f"<p>{ELLIPSIS}</p>"


class InvalidRecord(ValueError):
    """A raw record that cannot become a lead: every problem found, as English text (the
    message) and as codes Odoo renders in the reader's language (`reasons`)."""

    def __init__(self, problems: list[Refusal]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def payload_text(raw: Any) -> str:
    """The raw record as the dead letter keeps it: JSON when it can be, text otherwise."""
    try:
        return json.dumps(raw, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(raw)
