"""Fields over their length: the lead is kept with the text shortened, a note says so, and
the full text is attached to the lead. A long message or name is no reason to lose a
person who can be reached."""

from markupsafe import Markup

from odoo import api, models

# Odoo's limits for what a submission fills in: the worker's (crm_sync/records.py), so that
# a text the worker already shortened is not shortened twice. A lead's Char fields have no
# size of their own; these keep them usable (a list view, an index, a mail header).
LIMITS = {
    "name": 255,
    "contact_name": 255,
    "partner_name": 255,
    "registered_by": 255,
    "medium": 255,
    "campaign": 255,
    "description": 20_000,
}
# The record's keys that are named differently on the lead
LEAD_FIELDS = {
    "email": "email_from",
    "registered_by": "sync_registered_by",
    "medium": "medium_id",
    "campaign": "campaign_id",
}


class CrmSyncLeadOverflow(models.AbstractModel):
    _name = "crm.sync.lead.overflow"
    _description = "Sync: fields over their length"

    @api.model
    def _shorten(self, record):
        """The record within Odoo's limits, with `_overflow`: what the worker shortened
        (its `overflow` key) and what Odoo shortened, as {"field", "text", "limit"}."""
        record = dict(record)
        entries = [
            {
                "field": LEAD_FIELDS.get(item["field"], item["field"]),
                "text": str(item["text"]),
                # the worker cuts at these same limits
                "limit": LIMITS.get(item["field"]) or len(str(record.get(item["field"]) or "")),
            }
            for item in record.get("overflow") or []
            if isinstance(item, dict) and item.get("field") and item.get("text")
        ]
        for key, limit in LIMITS.items():
            value = record.get(key)
            if isinstance(value, str) and len(value) > limit:
                entries.append({"field": LEAD_FIELDS.get(key, key), "text": value, "limit": limit})
                record[key] = value[:limit]
        record["_overflow"] = [e for e in entries if e["field"] in self.env["crm.lead"]._fields]
        return record

    @api.model
    def _keep_full_texts(self, source, pairs):
        """A note on the lead per shortened field, with the full text attached."""
        for record, lead in pairs:
            for entry in record.get("_overflow") or []:
                self._post_full_text(source, record, lead, entry)

    def _post_full_text(self, source, record, lead, entry):
        # Written once for all its readers: in the language of the company the lead is in.
        lang = source.company_id.partner_id.lang or self.env.lang
        env = self.with_context(lang=lang).env
        label = lead._fields[entry["field"]]._description_string(env)
        note = env._(
            "%(field)s was longer than %(limit)s characters and was shortened; the full "
            "text is attached.",
            field=label,
            limit=entry["limit"],
        )
        name = f"{entry['field']}-{record.get('external_id') or lead.id}.txt"
        # Logged as Odoo logs its own notes, not posted: a post needs its author's email
        # address, and the worker's user has none (scripts/crm_setup.py gives it none), so
        # Odoo refused the post and the whole submission became a dead letter. A log is
        # an internal note that notifies nobody; the attachment is the lead's, created as
        # the worker's user, who may write the lead.
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": entry["text"].encode(),
                "mimetype": "text/plain",
                "res_model": lead._name,
                "res_id": lead.id,
            }
        )
        lead._message_log(
            body=Markup("<p>%s</p>") % note,
            message_type="comment",
            attachment_ids=attachment.ids,
        )
