"""Raw RFC 822 mails into the records `crm.sync.source.sync_push_emails` takes.

Never a crash: broken or unknown charsets are replaced, RFC 2047 headers (Persian
included) decoded, HTML-only and body-less mails handled; what cannot be read at all
raises `InvalidMail` with the reason, and becomes a dead letter."""

from __future__ import annotations

import base64
import datetime
import email
import email.policy
import email.utils
import hashlib
import html
import re
from email.message import EmailMessage
from typing import Any

import nh3

from .reasons import Refusal
from .records import ALLOWED_TAGS, readable, unify_persian

# a line of a base64 body (RFC 2045: at most 76 characters)
BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
BOUNCE_SENDERS = ("mailer-daemon@", "postmaster@")
DEFAULT_MAX_ATTACHMENT = 10 * 1024 * 1024
MAIL_TAGS = ALLOWED_TAGS | {
    "div",
    "span",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "pre",
    "hr",
}


class InvalidMail(Refusal):
    """A mail that cannot be logged; the message is the dead letter's reason (its code and
    parameters, the reason in the reader's language)."""


def _without_big_parts(raw: bytes, max_attachment: int) -> tuple[bytes, list[int]]:
    """Cut base64 bodies longer than the attachment limit out before parsing.

    Python's parser holds a mail several times over while it splits it into lines: a 25 MB
    attachment would cost some 150 MB. The cut bodies are only measured (their decoded
    size, in order), since they are too big to keep anyway."""
    threshold = int(max_attachment * 4 / 3) + 4096
    if len(raw) <= threshold:
        return raw, []
    runs = list(_base64_runs(raw, threshold))
    if not runs:
        return raw, []
    pieces, sizes, start = [], [], 0
    for run_start, run_end, encoded in runs:
        pieces.append(raw[start:run_start])
        sizes.append(encoded * 3 // 4)
        start = run_end
    pieces.append(raw[start:])
    return b"".join(pieces), sizes


def _base64_runs(raw: bytes, threshold: int):
    """(start, end, base64 characters) of each run of base64 lines longer than threshold,
    found line by line without copying the mail."""
    run_start, encoded, position = None, 0, 0
    while position < len(raw):
        end = raw.find(b"\n", position)
        end = len(raw) if end < 0 else end + 1
        line_length = len(raw[position:end].rstrip(b"\r\n"))
        is_base64 = 16 <= line_length <= 76 and BASE64_LINE.fullmatch(
            raw, position, position + line_length
        )
        if is_base64:
            if run_start is None:
                run_start, encoded = position, 0
            encoded += line_length
        else:
            if run_start is not None and position - run_start > threshold:
                yield run_start, position, encoded
            run_start = None
        position = end
    if run_start is not None and position - run_start > threshold:
        yield run_start, position, encoded


def parse_mail(
    raw: bytes, max_attachment: int = DEFAULT_MAX_ATTACHMENT, keep_raw: bool = False
) -> dict[str, Any]:
    """The record for Odoo; with `keep_raw`, also the mail itself (base64) for Odoo's
    gateway, without the attachments too big to keep."""
    raw, cut_sizes = _without_big_parts(raw, max_attachment)
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; anything left is truly unreadable
        detail = f"{exc.__class__.__name__}: {exc}"
        raise InvalidMail(
            "mail_unreadable", f"the mail cannot be read ({detail})", detail=detail
        ) from exc
    sender_name, sender = _address(_header(message, "From"))
    if not sender:
        raise InvalidMail(
            "mail_no_sender", "the mail has no From address: there is no sender to log it on"
        )
    body_html = _body_html(message)
    record = {
        "message_id": _message_id(message),
        "from": sender,
        "from_name": sender_name or None,
        "to": _addresses(_header(message, "To")),
        "cc": _addresses(_header(message, "Cc")),
        "subject": readable(unify_persian(_header(message, "Subject")))[:998] or None,
        "date": _date(message),
        "in_reply_to": _first_id(_header(message, "In-Reply-To")),
        "references": _ids(_header(message, "References")),
        "body_html": body_html,
        "auto_submitted": _is_automatic(message, sender),
        "attachments": list(_attachments(message, max_attachment, cut_sizes)),
    }
    if keep_raw:
        record["raw"] = base64.b64encode(raw).decode()
    return record


def _header(message: EmailMessage, name: str) -> str:
    """A decoded header; a broken encoding leaves the readable part."""
    try:
        value = message.get(name)
        return str(value or "").strip()
    except Exception:  # malformed encoded words: fall back to the raw header text
        raw = message.get_all(name, failobj=[""])
        return str(raw[0] if raw else "").strip()


def _address(value: str) -> tuple[str, str]:
    name, address = email.utils.parseaddr(value)
    return readable(unify_persian(name)), address.strip().lower() if "@" in address else ""


def _addresses(value: str) -> list[str]:
    return [a.strip().lower() for _n, a in email.utils.getaddresses([value]) if "@" in a]


def _ids(value: str) -> list[str]:
    return [part for part in value.replace(",", " ").split() if part.startswith("<")]


def _first_id(value: str) -> str | None:
    ids = _ids(value)
    return ids[0] if ids else None


def _message_id(message: EmailMessage) -> str:
    """The mail's Message-ID, or a stable one made from its content when it has none."""
    found = _first_id(_header(message, "Message-ID"))
    if found:
        return found[:255]
    return f"<{_content_digest(message)[:40]}@crm-sync.generated>"


def _content_digest(message: EmailMessage) -> str:
    """A hash of what a mail says, not of its bytes: the same mail read from an .eml file,
    from IMAP or from Exchange differs in line endings, header folding and transfer
    encoding, never in its decoded From, To, Cc, Date, Subject and body text."""
    _name, sender = _address(_header(message, "From"))
    parts = [
        sender,
        ",".join(_addresses(_header(message, "To"))),
        ",".join(_addresses(_header(message, "Cc"))),
        _date(message) or _header(message, "Date"),
        " ".join(unify_persian(_header(message, "Subject")).split()),
        _body_text(message),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _body_text(message: EmailMessage) -> str:
    """The body's text with line endings and trailing blanks normalised."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    lines = _text_of(part).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _date(message: EmailMessage) -> str | None:
    """The Date header in UTC, as Odoo stores datetimes; never the worker's local time."""
    try:
        parsed = email.utils.parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%d %H:%M:%S")


def _text_of(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError):  # unknown or broken charset
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def _body_html(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        return ""
    text = unify_persian(_text_of(part)).strip()
    if not text:
        return ""
    if part.get_content_type() == "text/plain":
        text = f"<pre>{html.escape(text)}</pre>"
    return nh3.clean(text, tags=MAIL_TAGS, attributes={"a": {"href"}}, link_rel="noopener")


def _is_automatic(message: EmailMessage, sender: str) -> bool:
    """Auto-replies and bounces (RFC 3834 Auto-Submitted, Precedence, delivery reports)."""
    if _header(message, "Auto-Submitted").lower() not in ("", "no"):
        return True
    if _header(message, "Precedence").lower() in AUTO_PRECEDENCE:
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    if message.get_content_type() == "multipart/report":
        return True
    return sender.startswith(BOUNCE_SENDERS)


def _attachments(message: EmailMessage, max_size: int, cut_sizes: list[int]):
    cut = iter(cut_sizes)
    for part in message.iter_attachments():
        encoded = part.get_payload(decode=False)
        if cut_sizes and isinstance(encoded, str) and not encoded.strip():
            yield _attachment(part, next(cut, 0), None)  # cut out before parsing
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:  # a broken part is still listed (size 0), never lost silently
            data = b""
        keep = 0 < len(data) <= max_size
        yield _attachment(part, len(data), base64.b64encode(data).decode() if keep else None)


def _attachment(part: EmailMessage, size: int, data: str | None) -> dict[str, Any]:
    return {
        "name": readable(unify_persian(part.get_filename() or "attachment")) or "attachment",
        "mimetype": part.get_content_type(),
        "size": size,
        "data": data,
    }
