"""Where a mail goes: the records of the source's company it concerns, or nowhere (the
source's rules), or a dead letter."""

from odoo import api, models
from odoo.tools import email_normalize


class CrmSyncEmailRouting(models.AbstractModel):
    _name = "crm.sync.email.routing"
    _description = "Sync: where an email is logged"

    @staticmethod
    def _addresses(mail):
        found = [mail.get("from"), *(mail.get("to") or []), *(mail.get("cc") or [])]
        return [a for a in (email_normalize(x or "") for x in found) if a]

    @api.model
    def _internal_addresses(self):
        # The company's own people: sudo only to read users' addresses, nothing is written.
        users = self.env["res.users"].sudo().search([("share", "=", False)])
        return {email_normalize(e) for e in users.mapped("email") if e}

    @api.model
    def _match_addresses(self, source, mails):
        """Contacts and open leads of the source's company (or shared contacts) by email,
        searched as the worker's user: record rules apply, other companies never match.
        A contact is the one the address is of (a company's contact person, not the
        company): it is the mail's author; the mail is logged on its company
        (`_records_of`)."""
        addresses = list({a for mail in mails for a in self._addresses(mail)})
        if not addresses:
            return {}, {}
        partners = {}
        found = self.env["res.partner"].search(
            [
                ("email_normalized", "in", addresses),
                ("company_id", "in", [source.company_id.id, False]),
            ],
            order="id",
        )
        for partner in found.sorted(lambda p: (bool(p.is_company), p.id)):
            partners.setdefault(partner.email_normalized, partner)
        leads = {}
        for lead in self.env["crm.lead"].search(
            [
                ("email_normalized", "in", addresses),
                ("probability", "<", 100),
                ("company_id", "in", [source.company_id.id, False]),
            ],
            order="id",
        ):
            leads.setdefault(lead.email_normalized, self.env["crm.lead"])
            leads[lead.email_normalized] |= lead
        return partners, leads

    @api.model
    def _route_all(self, source, mails, partners, leads, parents):
        """Each mail's verdict, in the batch's order, so that a reply whose root is earlier
        in the batch goes where its root goes."""
        internal = self._internal_addresses()
        never = source._never_log_patterns()
        threading = self.env["crm.sync.email.threading"]
        routed = {}
        verdicts = []
        for mail in mails:
            earlier = threading._earlier_in_batch(mail, routed)
            verdict = self._route(source, mail, internal, never, partners, leads, parents, earlier)
            verdict["position"] = mail["_position"]
            verdicts.append(verdict)
            if verdict["status"] == "log":
                routed[mail["message_id"]] = verdict
        return verdicts

    def _route(self, source, mail, internal, never, partners, leads, parents, earlier):
        """Where a mail goes: logged on records, ignored with a reason, or a dead letter.
        `earlier` are the verdicts of the mails of this batch it answers."""
        if not mail.get("message_id"):
            return {"status": "failed", "reason": self._letter_reason("no_message_id")}
        if mail.get("auto_submitted"):
            return {"status": "skipped", "reason": self.env._("automatic reply or bounce")}
        addresses = self._addresses(mail)
        if any(self._never_log(address, never) for address in addresses):
            return {"status": "skipped", "reason": self.env._("on the never-log list")}
        outside = [a for a in addresses if a not in internal]
        if not outside:
            return {"status": "skipped", "reason": self.env._("internal mail only")}
        records = self._records_of(mail, outside, partners, leads, parents, earlier)
        if records:
            return {"status": "log", "targets": records}
        if earlier:  # the root in this batch is a new lead still to create: the same one
            return {"status": "log", "targets": [], "follows": earlier[0]["position"]}
        if source.email_log_scope == "customers":
            return {"status": "skipped", "reason": self.env._("not a thread with a customer")}
        policy = source.email_unknown_sender
        if policy == "lead":
            return {"status": "log", "targets": []}
        if policy == "dead_letter":
            return {"status": "failed", "reason": self._letter_reason("unknown_sender")}
        return {"status": "skipped", "reason": self.env._("unknown sender ignored")}

    def _letter_reason(self, code):
        """A failed verdict's reason, kept on its dead letter (crm.sync.dead.letter.reason)."""
        return self.env["crm.sync.dead.letter.reason"]._reason(code)

    def _records_of(self, mail, outside, partners, leads, parents, earlier):
        targets = self.env["crm.lead"]
        found_partners = self.env["res.partner"]
        for address in outside:
            if address in partners:
                found_partners |= partners[address].commercial_partner_id
            targets |= leads.get(address, targets)
        for record in self.env["crm.sync.email.threading"]._parent_records(mail, parents):
            if record._name == "crm.lead":
                targets |= record
            else:
                found_partners |= record
        records = list(found_partners) + list(targets)
        for verdict in earlier:
            records += [record for record in verdict["targets"] if record not in records]
        return records

    @staticmethod
    def _never_log(address, patterns):
        domain = address.rsplit("@", 1)[-1]
        return address in patterns or domain in patterns

    @api.model
    def _targets(self, source, to_log, resolved):
        """Each mail with the records it is logged on. Mails with no record to go on become
        leads (policy "create a lead"); a reply to such a mail goes on the lead its root
        became. `resolved`: the records of the batch's mails already logged, by position.
        Nothing is changed in `to_log` nor `resolved`: this may be rolled back."""
        known = dict(resolved)
        here = {mail["_position"] for mail, _verdict in to_log}
        roots = [
            mail
            for mail, verdict in to_log
            if not verdict["targets"]
            and not (verdict.get("follows") in known or verdict.get("follows") in here)
        ]
        leads = self.env["crm.lead"]
        if roots:
            leads = leads.with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            ).create([self._lead_values(source, mail) for mail in roots])
        new = dict(zip([mail["_position"] for mail in roots], leads, strict=True))
        routed = []
        for mail, verdict in to_log:  # in the batch's order: a root before its replies
            targets = verdict["targets"] or known.get(verdict.get("follows"))
            targets = targets or [new[mail["_position"]]]
            known[mail["_position"]] = targets
            routed.append((mail, targets))
        return routed

    @staticmethod
    def _lead_values(source, mail):
        return {
            "name": mail.get("subject") or mail.get("from"),
            "email_from": mail.get("from"),
            "contact_name": mail.get("from_name") or False,
            "company_id": source.company_id.id,
            "team_id": source.lead_team_id.id or False,
            "user_id": False,
            "sync_source_id": source.id,
        }
