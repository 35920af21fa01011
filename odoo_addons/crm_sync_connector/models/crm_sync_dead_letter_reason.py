"""Why a record became a dead letter, written in the language of whoever reads it.

A reason is kept as codes with parameters ([{"code", "params"}], from the worker's
validation or from this addon) beside its technical detail (the worker's English text, or
Odoo's own message). The text a person reads is rendered from the codes when it is read,
with Odoo's translations: a Persian sales manager reads Persian, an English one English,
from the same letter. Letters kept before codes existed read the codes recognised in their
text (the migration to 18.0.1.2.0), or their text as it was."""

import re

from odoo import api, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The codes are a contract with the worker (crm_sync/reasons.py): add, never rename.
TEXTS = {
    "no_id": _lt("The submission has no id."),
    "not_a_record": _lt("The submission is not a form record with fields but %(type)s: %(shown)s"),
    "email_invalid": _lt("The email address %(value)s is not valid."),
    "email_too_long": _lt(
        "The email address is %(length)s characters long: it is not an email address."
    ),
    "phone_too_long": _lt(
        "The phone number is %(length)s characters long: it is not a phone number."
    ),
    "phone_unreadable": _lt("The phone number %(value)s cannot be read as a phone number."),
    "phone_invalid": _lt(
        "The phone number %(value)s is not a valid number (read as a number of %(region)s "
        "when it has no country code)."
    ),
    "no_contact": _lt("There is no email address or phone number to reach the person."),
    "mail_unreadable": _lt("The mail cannot be read: %(detail)s"),
    "mail_no_sender": _lt("The mail has no sender (From address) to log it on."),
    "no_message_id": _lt("The mail has no Message-ID."),
    "unknown_sender": _lt(
        "The sender is not a known contact, and this source keeps mails of unknown senders "
        "as dead letters."
    ),
    "no_raw_mail": _lt("The worker did not send the mail itself, which Odoo's mail gateway needs."),
    "odoo_refused": _lt("Odoo refused to store it: %(detail)s"),
}
# Short names, for grouping and filtering letters by reason (the first one of a letter).
CODES = [
    ("no_id", "No id"),
    ("not_a_record", "Not a form record"),
    ("email_invalid", "Invalid email"),
    ("email_too_long", "Email too long"),
    ("phone_too_long", "Phone too long"),
    ("phone_unreadable", "Unreadable phone"),
    ("phone_invalid", "Invalid phone"),
    ("no_contact", "No email or phone"),
    ("mail_unreadable", "Unreadable mail"),
    ("mail_no_sender", "Mail without sender"),
    ("no_message_id", "Mail without Message-ID"),
    ("unknown_sender", "Unknown sender"),
    ("no_raw_mail", "Mail not sent"),
    ("odoo_refused", "Refused by Odoo"),
]
# First-strong isolate ... pop directional isolate: a phone, an email or an English
# message inside a Persian sentence keeps its own direction and does not scramble it.
FSI, PDI = "\u2068", "\u2069"

# The English texts letters were kept with before codes existed (worker and addon), and
# the code each one means; a letter with several problems joined them with "; ".
LEGACY = [
    (re.compile(r"the submission has no id|no external id"), "no_id", ()),
    (
        re.compile(r"the submission is not a form record with fields, but (\w+): '(.*)'", re.S),
        "not_a_record",
        ("type", "shown"),
    ),
    (re.compile(r"the email address '(.*)' is not valid: .*", re.S), "email_invalid", ("value",)),
    (
        re.compile(r"the email address is (\d+) characters long, not an address"),
        "email_too_long",
        ("length",),
    ),
    (
        re.compile(r"the phone number is (\d+) characters long, not a phone number"),
        "phone_too_long",
        ("length",),
    ),
    (re.compile(r"the phone number '(.*)' is not a phone number"), "phone_unreadable", ("value",)),
    (
        re.compile(
            r"the phone number '(.*)' is not a valid number \(read as a (\w+) number when it "
            r"has no country code\)"
        ),
        "phone_invalid",
        ("value", "region"),
    ),
    (
        re.compile(
            r"no email address or phone number to reach the person|neither a valid email nor "
            r"a phone number"
        ),
        "no_contact",
        (),
    ),
    (re.compile(r"the mail cannot be read \((.*)\)", re.S), "mail_unreadable", ("detail",)),
    (
        re.compile(r"the mail has no From address: there is no sender to log it on"),
        "mail_no_sender",
        (),
    ),
    (re.compile(r"no Message-ID"), "no_message_id", ()),
    (re.compile(r"unknown sender"), "unknown_sender", ()),
    (re.compile(r"no raw mail to hand over"), "no_raw_mail", ()),
]


class CrmSyncDeadLetterReason(models.AbstractModel):
    _name = "crm.sync.dead.letter.reason"
    _description = "Sync: why a record became a dead letter"

    @api.model
    def _reason(self, code, **params):
        """A reason made in Odoo: its code and parameters, and its technical detail
        (English, or Odoo's own message when Odoo refused the record)."""
        detail = params["detail"] if code == "odoo_refused" else False
        reasons = [{"code": code, "params": params}]
        return {
            "reason": detail or self.with_context(lang="en_US")._render(reasons),
            "reasons": reasons,
        }

    @api.model
    def _known(self, reasons):
        """The codes a letter keeps: all of them when this addon can render each, else
        none (the letter then reads its technical detail, which says everything)."""
        if not isinstance(reasons, list) or not reasons:
            return []
        for item in reasons:
            if not isinstance(item, dict) or item.get("code") not in TEXTS:
                return []
            if not isinstance(item.get("params") or {}, dict):
                return []
        return [{"code": item["code"], "params": item.get("params") or {}} for item in reasons]

    @api.model
    def _render(self, reasons):
        """The reasons in the language of the environment, one per line; False when one
        cannot be rendered (a parameter missing)."""
        lines = []
        for item in reasons:
            params = self._displayed_params(item["params"])
            template = TEXTS[item["code"]]
            try:
                lines.append(self.env._(template) % params)
            except (KeyError, TypeError, ValueError):
                return False
        return "\n".join(lines)

    def _displayed_params(self, params):
        """Each value isolated; a phone region as its country's name in the reader's
        language ("IR" -> Iran)."""
        shown = dict(params)
        if shown.get("region"):
            country = self.env["res.country"].search([("code", "=", shown["region"])], limit=1)
            shown["region"] = country.name or shown["region"]
        return {key: f"{FSI}{value}{PDI}" for key, value in shown.items()}

    @api.model
    def _from_legacy_text(self, text):
        """The codes an English reason of a letter kept before codes existed means, or []
        when any part of it is not one of the texts the worker or this addon wrote."""
        reasons = []
        for part in (text or "").split("; "):
            for pattern, code, names in LEGACY:
                match = pattern.fullmatch(part.strip())
                if match:
                    reasons.append(
                        {"code": code, "params": dict(zip(names, match.groups(), strict=True))}
                    )
                    break
            else:
                return []
        return reasons
