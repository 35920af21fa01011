"""Who a web-form submission is: a contact, an open lead, or an earlier submission of the
same batch. Emails and phones are compared in their normalised forms (lower-case email,
E.164 phone) everywhere: across batches and within one."""

import re

from odoo import api, models
from odoo.tools import email_normalize

E164 = re.compile(r"\+[1-9][0-9]{7,14}")


class CrmSyncLeadMatching(models.AbstractModel):
    _name = "crm.sync.lead.matching"
    _description = "Sync: who a web-form submission is"

    # ------------------------------------------------------------------ normalising

    @api.model
    def _normalise(self, source, record):
        """The worker normalises, but Odoo does not rely on any caller: email in Odoo's
        normalised form, phone in E.164 read with the source company's country (as Odoo
        computes `phone_sanitized`). A phone Odoo cannot read is kept as sent, and matches
        nothing."""
        email = email_normalize(record.get("email") or "") or False
        phone = (record.get("phone") or "").strip()
        e164 = self._e164(source, phone)
        return {**record, "email": email, "phone": e164 or phone or False, "_phone_key": e164}

    @api.model
    def _e164(self, source, phone):
        if not phone:
            return False
        if E164.fullmatch(phone):
            # What the worker sends: already E.164, and parsing it again with phonenumbers
            # is a tenth of a batch's time. It is only a key to match sanitised phones.
            return phone
        return self.env["crm.lead"]._phone_format(
            number=phone, country=source.company_id.country_id, force_format="E164"
        )

    # ------------------------------------------------------------------ matching

    @api.model
    def _match_partners(self, source, records):
        """Contacts of the source's company (or shared ones) by normalised email, then by
        sanitised phone: searched as the worker's user, so record rules apply too. A
        contact of another company is never matched (its lead would be refused with
        "Incompatible companies").

        The contact itself, never its company: a company's contact person who fills in
        the form is that person's lead, and Odoo gives it the company's name. Where a
        person and a company share an address, the person is who wrote."""
        emails = list({r["email"] for r in records if r.get("email")})
        phones = list({r["_phone_key"] for r in records if r.get("_phone_key")})
        if not emails and not phones:
            return {}
        partners = self.env["res.partner"].search(
            [
                ("company_id", "in", [source.company_id.id, False]),
                "|",
                ("email_normalized", "in", emails),
                ("phone_sanitized", "in", phones),
            ],
            order="id",
        )
        matches = {}
        for partner in partners.sorted(lambda p: (bool(p.is_company), p.id)):
            for key in (("email", partner.email_normalized), ("phone", partner.phone_sanitized)):
                if key[1]:
                    matches.setdefault(key, partner)
        return matches

    @api.model
    def _match_open_leads(self, source, records):
        emails = list({r["email"] for r in records if r.get("email")})
        phones = list({r["_phone_key"] for r in records if r.get("_phone_key")})
        if not emails and not phones:
            return {}
        leads = self.env["crm.lead"].search(
            [
                ("company_id", "in", [source.company_id.id, False]),
                ("probability", "<", 100),
                "|",
                ("email_normalized", "in", emails),
                ("phone_sanitized", "in", phones),
            ],
            order="id",
        )
        matches = {}
        for lead in leads:
            for key in (("email", lead.email_normalized), ("phone", lead.phone_sanitized)):
                if key[1]:
                    matches.setdefault(key, lead)
        return matches

    @staticmethod
    def _keys(record):
        return [
            key
            for key in (("email", record.get("email")), ("phone", record.get("_phone_key")))
            if key[1]
        ]

    @api.model
    def _group(self, source, records):
        """One group per person: {"lead": the open lead to update or None, "records": the
        batch's submissions of that person, in order}. The first submission of a new
        person creates the lead; the next ones update it."""
        open_leads = self._match_open_leads(source, records)
        groups, by_key, by_lead = [], {}, {}
        for record in records:
            keys = self._keys(record)
            lead = next((open_leads[key] for key in keys if key in open_leads), None)
            group = next((by_key[key] for key in keys if key in by_key), None)
            if group is None and lead:
                group = by_lead.get(lead.id)
            if group is None:
                group = {"lead": lead, "records": []}
                groups.append(group)
                if lead:
                    by_lead[lead.id] = group
            group["records"].append(record)
            for key in keys:
                by_key.setdefault(key, group)
        return groups

    @staticmethod
    def _partner_of(record, partners):
        for key in (("email", record.get("email")), ("phone", record.get("_phone_key"))):
            if key[1] and key in partners:
                return partners[key]
        return None
