"""What a web-form submission must look like before it reaches Odoo.

`LeadRecord.from_raw` turns a source's raw record (already mapped to our field names) into
a clean record, or raises `ValidationError` whose message says what is wrong; the pipeline
turns that into a dead letter. Normalisation: Persian and Arabic digits and letters
unified, phone numbers to E.164, emails checked and lower-cased, HTML sanitised, every
field bounded."""

from __future__ import annotations

import json
from typing import Any

import nh3
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
        "\u200f": None,  # right-to-left mark
        "\u200e": None,  # left-to-right mark
    }
)
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "blockquote"}
MAX_TEXT = 255
MAX_DESCRIPTION = 20_000


def unify_persian(text: str) -> str:
    return text.translate(_UNIFY)


def clean_text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """Strip, unify Persian, drop control characters; refuse text longer than `limit`."""
    if value is None:
        return None
    text = unify_persian(str(value))
    text = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()
    if len(text) > limit:
        raise ValueError(f"longer than {limit} characters ({len(text)})")
    return text or None


def normalise_phone(value: Any, region: str) -> str | None:
    text = clean_text(value, limit=64)
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"not a phone number ({exc})") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"not a valid phone number for region {region}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: Any) -> str | None:
    text = clean_text(value, limit=254)
    if not text:
        return None
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc


def sanitise_html(value: Any) -> str | None:
    text = clean_text(value, limit=MAX_DESCRIPTION)
    if not text:
        return None
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener")


class LeadRecord(BaseModel):
    """A submission ready for `crm.sync.source.sync_push_leads`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    external_id: str = Field(min_length=1, max_length=128)
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

    @field_validator("external_id", mode="before")
    @classmethod
    def _external_id(cls, value: Any) -> str:
        return clean_text(value, limit=128) or ""

    @field_validator(
        "name", "contact_name", "partner_name", "medium", "campaign", "registered_by", mode="before"
    )
    @classmethod
    def _text(cls, value: Any) -> str | None:
        return clean_text(value)

    @classmethod
    def from_raw(cls, raw: dict[str, Any], region: str) -> LeadRecord:
        """Validate one mapped raw record; phone and email problems are reported together."""
        errors: list[str] = []
        values = dict(raw)
        for field, normalise in (
            ("email", normalise_email),
            ("phone", lambda v: normalise_phone(v, region)),
            ("description", sanitise_html),
        ):
            try:
                values[field] = normalise(raw.get(field))
            except ValueError as exc:
                errors.append(f"{field}: {exc}")
                values[field] = None
        try:
            record = cls.model_validate(values)
        except ValidationError as exc:
            errors.extend(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            record = None
        if record and not (record.email or record.phone) and not errors:
            errors.append("neither an email nor a phone number to reach the contact")
        if errors:
            raise InvalidRecord("; ".join(errors))
        return record

    def for_odoo(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class InvalidRecord(ValueError):
    """A raw record that cannot become a lead; the message is the dead letter's reason."""


def payload_text(raw: Any) -> str:
    """The raw record as the dead letter keeps it: JSON when it can be, text otherwise."""
    try:
        return json.dumps(raw, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(raw)
