"""Web-form submissions into leads: the mapper, binder and synchroniser of the lead sync.

Everything is done per batch: one query for the batch's existing bindings, one for the
partners its emails and phones match, one for the open leads they match, one create for
the new leads, one create for the bindings. When Odoo refuses that, the batch is stored
again record by record, and only the records it refuses become dead letters."""

import json

from markupsafe import Markup

from odoo import api, models
from odoo.tools import html_sanitize

from .crm_lead import KEEP_PARTNER

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
    def sync_lead_capabilities(self):
        """What this importer does with the keys a worker may add to a lead record, asked by
        the worker before it relies on one (crm_sync/pipeline.py): add, never rename.

        `notes`: a record's notes ([{"code", "params", "detail"}], what the form got wrong
        beside a way to reach the person) are written into the lead's description in its
        readers' language. A worker that gets no answer writes them in English itself."""
        return {"notes": True}

    @api.model
    def _import_batch(self, run, records):
        source = run.source_id
        matching = self.env["crm.sync.lead.matching"]
        results, fresh = self._split_duplicates(source, self._numbered(records))
        valid, rejected = self._check_records(source, fresh)
        partners = matching._match_partners(source, valid)
        groups = matching._group(source, valid)
        stored, refused = self._store(source, groups, partners)
        results += [self._result(record, lead, status) for record, lead, status in stored]
        results += self.env["crm.sync.dead.letter"]._keep_rejected(run, rejected + refused)
        return self._in_batch_order(results)

    # ------------------------------------------------------------------ checking

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
                self.env["crm.sync.dead.letter"]._settle_replayed([record])
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

    def _check_records(self, source, records):
        """The worker validates; this is the last line of defence for other callers:
        normalised email and phone, fields within Odoo's limits, someone to reach."""
        valid, rejected = [], []
        matching = self.env["crm.sync.lead.matching"]
        overflow = self.env["crm.sync.lead.overflow"]
        for record in records:
            record = overflow._shorten(matching._normalise(source, record))
            reason = self._rejection_reason(record)
            if reason:
                rejected.append(self._dead_letter(record, reason))
            else:
                valid.append(record)
        return valid, rejected

    def _rejection_reason(self, record):
        reasons = self.env["crm.sync.dead.letter.reason"]
        if not record.get("external_id"):
            return reasons._reason("no_id")
        if not (record.get("email") or record.get("phone")):
            return reasons._reason("no_contact")
        return False

    @staticmethod
    def _dead_letter(record, reason):
        """`reason`: {"reason", "reasons"} (crm.sync.dead.letter.reason)."""
        return {
            "_position": record["_position"],
            "dead_letter_id": record.get("dead_letter_id"),
            "external_id": record.get("external_id"),
            "payload": json.dumps(
                {k: v for k, v in record.items() if not k.startswith("_")},
                ensure_ascii=False,
                default=str,
            ),
            **reason,
        }

    # ------------------------------------------------------------------ storing

    def _store(self, source, groups, partners):
        """The whole batch at once; if Odoo refuses it, record by record."""
        stored, reason = self._attempt(self._store_groups, source, groups, partners)
        if not reason:
            return stored, []
        return self._store_one_by_one(source, groups, partners)

    def _store_groups(self, source, groups, partners):
        new_groups = [group for group in groups if not group["lead"]]
        leads = self._create_leads(source, [g["records"][0] for g in new_groups], partners)
        new_leads = {id(group): lead for group, lead in zip(new_groups, leads, strict=True)}
        created, updated = [], []
        for group in groups:
            records = group["records"]
            lead = group["lead"] or new_leads[id(group)]
            if not group["lead"]:
                created.append((records[0], lead))
                records = records[1:]
            updated += [(record, lead) for record in records]
        self._update_leads(updated)
        return self._finish(source, created, updated)

    def _store_one_by_one(self, source, groups, partners):
        """Each record under its own savepoint: the first of a person's records that Odoo
        takes creates the lead, the next ones update it; a refused one is a dead letter
        with Odoo's own message as its reason."""
        stored, refused = [], []
        for group in groups:
            lead = group["lead"]
            for record in group["records"]:
                if lead:
                    outcome, reason = self._attempt(self._store_update, source, record, lead)
                else:
                    outcome, reason = self._attempt(self._store_create, source, record, partners)
                if reason:
                    refused.append(self._dead_letter(record, reason))
                    continue
                stored.append(outcome)
                lead = outcome[1]
        return stored, refused

    def _store_create(self, source, record, partners):
        [lead] = self._create_leads(source, [record], partners)
        return self._finish(source, [(record, lead)], [])[0]

    def _store_update(self, source, record, lead):
        self._update_leads([(record, lead)])
        return self._finish(source, [], [(record, lead)])[0]

    def _finish(self, source, created, updated):
        """What every stored record gets: its binding, its full texts, its dead letter
        settled."""
        pairs = created + updated
        self._bind(source, pairs)
        self.env["crm.sync.lead.overflow"]._keep_full_texts(source, pairs)
        self.env["crm.sync.dead.letter"]._settle_replayed([record for record, _lead in pairs])
        return [(record, lead, "created") for record, lead in created] + [
            (record, lead, "updated") for record, lead in updated
        ]

    def _create_leads(self, source, records, partners):
        if not records:
            return self.env["crm.lead"]
        utm = {}  # one look-up per medium and campaign named in the batch, not per record
        values = [self._lead_values(source, record, partners, utm) for record in records]
        # The stage every new lead of this source gets, found once for the batch: left to
        # crm, it is one stage search per lead. Given as a default, not as a value: a
        # `stage_id` in the values makes crm's create run its won/lost bookkeeping lead by
        # lead (a won-stage search and four scoring-table look-ups each), which costs more
        # than the searches it saves and does nothing for a lead in an open stage.
        stage = self.env["crm.lead"]._stage_find(
            team_id=source.lead_team_id.id, domain=[("fold", "=", False)]
        )
        leads = (
            self.env["crm.lead"]
            .with_context(**NO_TRACKING, **{KEEP_PARTNER: True}, default_stage_id=stage.id)
            .create(values)
        )
        return leads.with_env(self.env)  # the default is for these leads only

    def _lead_values(self, source, record, partners, utm):
        partner = self.env["crm.sync.lead.matching"]._partner_of(record, partners)
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
                self._utm_record(utm, "utm.medium", record["medium"]).id
                if record.get("medium")
                else source.default_medium_id.id
            ),
            "campaign_id": (
                self._utm_record(utm, "utm.campaign", record["campaign"]).id
                if record.get("campaign")
                else False
            ),
            "sync_source_id": source.id,
            "sync_registered_by": record.get("registered_by") or False,
        }
        if record.get("notes"):
            values["description"] = self._with_notes(
                values["description"], record["notes"], source.company_id
            )
        if partner:
            # The contact the form matched (a company's contact person is linked as the
            # person: Odoo computes the company, its name and the address from it). The
            # lead keeps what the form said; what the form left empty, Odoo fills in from
            # the contact. The contact itself is never written (KEEP_PARTNER, crm_lead.py).
            values["partner_id"] = partner.id
            for field in ("email_from", "phone", "contact_name", "partner_name"):
                if not values[field]:
                    del values[field]
        return values

    # ------------------------------------------------------------------ notes

    def _with_notes(self, description, notes, company):
        """`description` sanitised, followed by the record's notes (what the form got wrong
        beside a way to reach the person), one paragraph each, in the language of the
        lead's readers."""
        description = html_sanitize(description or "") or Markup()
        reasons = self._readers_env(company)["crm.sync.dead.letter.reason"]
        for note in notes if isinstance(notes, list) else [notes]:
            description += Markup("<p>%s</p>") % self._note_text(reasons, note)
        return description

    def _readers_env(self, company):
        """Written once for all who read the lead: in the language of the company the lead
        is in (its partner's), as its other notes are (crm.sync.lead.overflow); the
        integration user's own language is nobody's who reads it."""
        lang = company.partner_id.lang or self.env.lang
        return self.with_context(lang=lang).env

    @staticmethod
    def _note_text(reasons, note):
        """A note in the readers' language when this addon knows its code and has all its
        parameters; else the worker's English text of it, which says everything; else the
        note as it came. Never dropped."""
        coded = isinstance(note, dict) and isinstance(note.get("code"), str)
        known = reasons._known([note]) if coded else []
        text = known and reasons._render(known)
        if text:
            return text
        detail = note.get("detail") if isinstance(note, dict) else note
        if not detail or not isinstance(detail, str):
            return json.dumps(note, ensure_ascii=False, default=str)
        detail = detail.strip()
        return detail[:1].upper() + detail[1:].rstrip(".") + "."

    def _utm_record(self, found, model, name):
        """utm's find-or-create (names match case-insensitively), once per name in `found`."""
        key = (model, name.strip().casefold())
        if key not in found:
            found[key] = self.env["utm.mixin"]._find_or_create_record(model, name)
        return found[key]

    def _utm_source(self, source):
        if not source.utm_source_id:
            # sudo for this one field of a source with none yet: reached only from a batch
            # (sync_push_leads), whose caller is the worker's user or a sync manager
            source.sudo().utm_source_id = self.env["utm.mixin"]._find_or_create_record(
                "utm.source", source.name
            )
        return source.utm_source_id

    def _update_leads(self, pairs):
        """A new submission from someone with an open lead completes that lead, and its
        message is appended as (sanitised) HTML. A lead of a known customer only gets the
        message: its contact fields write through to the customer, which a web form must
        not change."""
        for record, lead in pairs:
            fillable = () if lead.partner_id else ("contact_name", "partner_name", "phone")
            values = {
                field: record[field] for field in fillable if record.get(field) and not lead[field]
            }
            description = record.get("description")
            if record.get("notes"):
                description = self._with_notes(description, record["notes"], lead.company_id)
            if description:
                values["description"] = Markup("%s<hr/>%s") % (
                    lead.description or Markup(),
                    html_sanitize(description),
                )
            lead.with_context(**NO_TRACKING, **{KEEP_PARTNER: True}).write(values)

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

    @staticmethod
    def _result(record, lead, status):
        return {
            "_position": record["_position"],
            "external_id": record["external_id"],
            "status": status,
            "lead_id": lead.id,
            "reason": False,
        }
