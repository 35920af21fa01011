"""Threads: the messages a mail answers (In-Reply-To, References), already logged in the
source's company or earlier in the same batch."""

from odoo import api, models

THREAD_MODELS = ("crm.lead", "res.partner")


class CrmSyncEmailThreading(models.AbstractModel):
    _name = "crm.sync.email.threading"
    _description = "Sync: email threads"

    @staticmethod
    def _refs(mail):
        """What a mail answers, the closest first."""
        refs = [mail.get("in_reply_to"), *reversed(mail.get("references") or [])]
        return list(dict.fromkeys(ref for ref in refs if ref))

    @api.model
    def _known_parents(self, source, mails):
        """Messages already logged that these mails answer, on records of the source's
        company (or shared ones) only. Searched as the worker's user, not as superuser:
        a thread of a company it may not see, or that is not the source's, is no parent."""
        wanted = {ref for mail in mails for ref in self._refs(mail)}
        if not wanted:
            return {}
        messages = self.env["mail.message"].search(
            [("message_id", "in", list(wanted)), ("model", "in", THREAD_MODELS)], order="id"
        )
        allowed = self._records_in_company(source, messages)
        parents = {}
        for message in messages:
            if (message.model, message.res_id) in allowed:
                parents.setdefault(message.message_id, self.env["mail.message"])
                parents[message.message_id] |= message
        return parents

    def _records_in_company(self, source, messages):
        allowed = set()
        for model in THREAD_MODELS:
            ids = [m.res_id for m in messages if m.model == model]
            if ids:
                records = self.env[model].search(
                    [("id", "in", ids), ("company_id", "in", [source.company_id.id, False])]
                )
                allowed |= {(model, record_id) for record_id in records.ids}
        return allowed

    @api.model
    def _parent_records(self, mail, parents):
        """The records of the logged messages a mail answers."""
        records = []
        for ref in self._refs(mail):
            for parent in parents.get(ref, []):
                record = self.env[parent.model].browse(parent.res_id)
                if record not in records:
                    records.append(record)
        return records

    @api.model
    def _earlier_in_batch(self, mail, routed):
        """The verdicts of the mails of this batch (before this one) it answers."""
        return [routed[ref] for ref in self._refs(mail) if ref in routed]

    @api.model
    def _parent_for(self, mail, record, parents, in_batch):
        """The message a mail's message on `record` answers: a logged one, or one logged
        for an earlier mail of this batch (`in_batch`: (Message-ID, model, id) -> message
        or the index of a message still to create)."""
        for ref in self._refs(mail):
            found = in_batch.get((ref, record._name, record.id))
            if found is not None:
                return found
            for parent in parents.get(ref, []):
                if (parent.model, parent.res_id) == (record._name, record.id):
                    return parent
        return None
