"""Web-form submissions into leads: the mapper, binder and synchroniser of the lead sync.

Everything is done per batch: one query for the batch's existing bindings, one for the
partners its emails and phones match, one for the open leads they match, one create for
the new leads, one create for the bindings."""

import json

from odoo import api, models
from odoo.tools import SQL, email_normalize

LEAD_FIELDS = ("name", "contact_name", "partner_name", "email", "phone", "description")
NO_TRACKING = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class CrmSyncLeadImport(models.AbstractModel):
    _name = "crm.sync.lead.import"
    _inherit = "crm.sync.import.mixin"
    _description = "Sync: web-form leads into crm.lead"

    @api.model
    def _import_batch(self, run, records):
        source = run.source_id
        records = self._numbered(records)
        results, fresh = self._split_duplicates(source, records)
        valid, rejected = self._check_records(fresh)
        partners = self._match_partners(valid)
        open_leads = self._match_open_leads(source, valid)
        to_create, to_update = [], []
        for record in valid:
            lead = open_leads.get(record.get("email")) or open_leads.get(record.get("phone"))
            (to_update if lead else to_create).append((record, lead))
        created = self._create_leads(source, to_create, partners)
        updated = self._update_leads(to_update)
        self._bind(source, created + updated)
        self._settle_replayed([record for record, _lead in created + updated])
        results += [self._result(record, lead, "created") for record, lead in created]
        results += [self._result(record, lead, "updated") for record, lead in updated]
        results += source._keep_dead_letters(run, rejected)
        return self._in_batch_order(results)

    # ------------------------------------------------------------------ steps

    def _split_duplicates(self, source, records):
        """Records already bound (or repeated in the batch) are duplicates."""
        ids = [record.get("external_id") for record in records if record.get("external_id")]
        bound = set(
            self.env["crm.sync.binding"]
            .search([("source_id", "=", source.id), ("external_id", "in", ids)])
            .mapped("external_id")
        )
        results, fresh, seen = [], [], set()
        for record in records:
            external_id = record.get("external_id")
            if external_id in bound or external_id in seen:
                self._settle_replayed([record])
                results.append(
                    {
                        "_position": record["_position"],
                        "external_id": external_id,
                        "status": "duplicate",
                        "lead_id": False,
                        "reason": False,
                    }
                )
                continue
            seen.add(external_id)
            fresh.append(record)
        return results, fresh

    def _check_records(self, records):
        """The worker validates; this is the last line of defence for other callers."""
        valid, rejected = [], []
        for record in records:
            record = {**record, "email": email_normalize(record.get("email") or "") or False}
            reason = self._rejection_reason(record)
            if reason:
                rejected.append(
                    {
                        "_position": record["_position"],
                        "dead_letter_id": record.get("dead_letter_id"),
                        "external_id": record.get("external_id"),
                        "payload": json.dumps(
                            {k: v for k, v in record.items() if k != "_position"},
                            ensure_ascii=False,
                            default=str,
                        ),
                        "reason": reason,
                    }
                )
            else:
                valid.append(record)
        return valid, rejected

    def _rejection_reason(self, record):
        if not record.get("external_id"):
            return self.env._("no external id")
        if not (record.get("email") or record.get("phone")):
            return self.env._("neither a valid email nor a phone number")
        return False

    def _match_partners(self, records):
        """Partners by normalised email, then by the last nine digits of their phones."""
        emails = list({r["email"] for r in records if r.get("email")})
        matches = {}
        if emails:
            for partner in self.env["res.partner"].search(
                [("email_normalized", "in", emails)], order="id"
            ):
                matches.setdefault(partner.email_normalized, partner.commercial_partner_id)
        tails = {r["phone"][-9:]: r["phone"] for r in records if r.get("phone")}
        if tails:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT p.id,
                           RIGHT(REGEXP_REPLACE(COALESCE(p.phone, p.mobile), '[^0-9]', '', 'g'), 9)
                      FROM res_partner p
                     WHERE p.active
                       AND RIGHT(REGEXP_REPLACE(COALESCE(p.phone, p.mobile), '[^0-9]', '', 'g'), 9)
                           = ANY(%s)
                  ORDER BY p.id
                    """,
                    list(tails),
                )
            )
            for partner_id, tail in self.env.cr.fetchall():
                partner = self.env["res.partner"].browse(partner_id)
                matches.setdefault(tails[tail], partner.commercial_partner_id)
        return matches

    def _match_open_leads(self, source, records):
        emails = [r["email"] for r in records if r.get("email")]
        phones = [r["phone"] for r in records if r.get("phone")]
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
            for key in (lead.email_normalized, lead.phone_sanitized):
                if key:
                    matches.setdefault(key, lead)
        return matches

    def _create_leads(self, source, pairs, partners):
        if not pairs:
            return []
        values = [self._lead_values(source, record, partners) for record, _lead in pairs]
        leads = self.env["crm.lead"].with_context(**NO_TRACKING).create(values)
        return [(record, lead) for (record, _none), lead in zip(pairs, leads, strict=True)]

    def _lead_values(self, source, record, partners):
        partner = partners.get(record.get("email")) or partners.get(record.get("phone"))
        utm = self.env["utm.mixin"]
        values = {
            "name": record.get("name")
            or record.get("contact_name")
            or record.get("email")
            or record.get("phone"),
            "contact_name": record.get("contact_name") or False,
            "partner_name": record.get("partner_name") or False,
            "email_from": record.get("email") or False,
            "phone": record.get("phone") or False,
            "description": record.get("description") or False,
            "company_id": source.company_id.id,
            "team_id": source.lead_team_id.id or False,
            "user_id": False,  # Odoo's assignment rules pick the salesperson
            "source_id": self._utm_source(source).id,
            "medium_id": (
                utm._find_or_create_record("utm.medium", record["medium"]).id
                if record.get("medium")
                else source.default_medium_id.id
            ),
            "campaign_id": (
                utm._find_or_create_record("utm.campaign", record["campaign"]).id
                if record.get("campaign")
                else False
            ),
            "sync_source_id": source.id,
            "sync_registered_by": record.get("registered_by") or False,
        }
        if partner:
            # The customer's own email and phone stay as they are: the lead takes them from
            # the partner, and a different number from the form is kept in the description.
            values["partner_id"] = partner.id
            del values["email_from"]
            if record.get("phone") and partner.phone != record["phone"]:
                values["description"] = (values["description"] or "") + self.env._(
                    "<p>Phone on the form: %s</p>", record["phone"]
                )
            del values["phone"]
        return values

    def _utm_source(self, source):
        if not source.utm_source_id:
            source.utm_source_id = self.env["utm.mixin"]._find_or_create_record(
                "utm.source", source.name
            )
        return source.utm_source_id

    def _update_leads(self, pairs):
        """A new submission from someone with an open lead completes that lead. A lead of a
        known customer only gets the message: its contact fields write through to the
        customer, which a web form must not change."""
        for record, lead in pairs:
            fillable = () if lead.partner_id else ("contact_name", "partner_name", "phone")
            values = {
                field: record[field] for field in fillable if record.get(field) and not lead[field]
            }
            if record.get("description"):
                values["description"] = (lead.description or "") + ("<hr/>" + record["description"])
            lead.with_context(**NO_TRACKING).write(values)
        return pairs

    def _bind(self, source, pairs):
        self.env["crm.sync.binding"].create(
            [
                {
                    "source_id": source.id,
                    "external_id": record["external_id"],
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                }
                for record, lead in pairs
            ]
        )

    def _settle_replayed(self, records):
        """Dead letters sent again by `crm-sync replay` are settled by this batch."""
        letter_ids = [r["dead_letter_id"] for r in records if r.get("dead_letter_id")]
        if letter_ids:
            self.env["crm.sync.dead.letter"].browse(letter_ids).write({"state": "replayed"})

    @staticmethod
    def _result(record, lead, status):
        return {
            "_position": record["_position"],
            "external_id": record["external_id"],
            "status": status,
            "lead_id": lead.id,
            "reason": False,
        }
