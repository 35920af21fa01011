"""Email logs into the chatter of the customers and leads they concern.

Per batch: one query for Message-IDs already logged in the company, one for the partners
and one for the open leads the batch's addresses match, one for the messages replies
point to, then one create of mail messages (notifying nobody) and one of attachments."""

import base64
import json

from markupsafe import Markup, escape

from odoo import api, models
from odoo.tools import email_normalize, html_sanitize

EMAIL_MODEL = "mail.message"


class CrmSyncEmailImport(models.AbstractModel):
    _name = "crm.sync.email.import"
    _inherit = "crm.sync.import.mixin"
    _description = "Sync: email logs into the chatter"

    @api.model
    def _import_batch(self, run, mails):
        source = run.source_id
        mails = self._numbered(mails)
        results, fresh = self._split_duplicates(source, mails)
        if source.email_use_gateway:
            return self._through_gateway(run, results, fresh)
        internal = self._internal_addresses(source)
        partners, leads = self._match_addresses(source, fresh)
        parents = self._thread_parents(fresh)
        to_log, rejected = [], []
        for mail in fresh:
            verdict = self._route(source, mail, internal, partners, leads, parents)
            if verdict["status"] == "log":
                to_log.append((mail, verdict["targets"]))
            elif verdict["status"] == "failed":
                rejected.append(self._dead_letter(mail, verdict["reason"]))
            else:
                results.append(self._result(mail, verdict["status"], reason=verdict.get("reason")))
        to_log = self._leads_for_unknown_senders(source, to_log)
        logged = self._log(source, to_log, parents, partners)
        results += [self._result(mail, "created", message.id) for mail, message in logged]
        results += source._keep_dead_letters(run, rejected)
        return self._in_batch_order(results)

    # ------------------------------------------------------------------ the gateway

    def _through_gateway(self, run, results, mails):
        """Odoo's own mail gateway, one mail at a time: aliases and routing rules decide
        where each goes; a mail it refuses is a dead letter with its reason."""
        rejected = []
        for mail in mails:
            if not mail.get("raw"):
                rejected.append(self._dead_letter(mail, self.env._("no raw mail to hand over")))
                continue
            try:
                with self.env.cr.savepoint():
                    self.env["mail.thread"].sudo().message_process(
                        False, base64.b64decode(mail["raw"]), save_original=False
                    )
            except Exception as exc:  # the gateway's refusal is the dead letter's reason
                rejected.append(self._dead_letter(mail, f"{exc.__class__.__name__}: {exc}"))
                continue
            message = (
                self.env["mail.message"]
                .sudo()
                .search([("message_id", "=", mail["message_id"])], limit=1)
            )
            self.env["crm.sync.binding"].create(
                {
                    "source_id": run.source_id.id,
                    "external_id": mail["message_id"],
                    "res_model": EMAIL_MODEL,
                    "res_id": message.id,
                }
            )
            results.append(self._result(mail, "created", message.id))
        results += run.source_id._keep_dead_letters(run, rejected)
        return self._in_batch_order(results)

    # ------------------------------------------------------------------ steps

    def _split_duplicates(self, source, mails):
        ids = [m.get("message_id") for m in mails if m.get("message_id")]
        known = set(
            self.env["crm.sync.binding"]
            .search(
                [
                    ("source_id.company_id", "=", source.company_id.id),
                    ("res_model", "=", EMAIL_MODEL),
                    ("external_id", "in", ids),
                ]
            )
            .mapped("external_id")
        )
        results, fresh, seen = [], [], set()
        for mail in mails:
            message_id = mail.get("message_id")
            if not message_id:
                fresh.append(mail)  # refused in _route with its reason
            elif message_id in known or message_id in seen:
                results.append(self._result(mail, "duplicate"))
            else:
                seen.add(message_id)
                fresh.append(mail)
        return results, fresh

    def _internal_addresses(self, source):
        users = self.env["res.users"].sudo().search([("share", "=", False)])
        return {email_normalize(e) for e in users.mapped("email") if e}

    @staticmethod
    def _addresses(mail):
        found = [mail.get("from"), *(mail.get("to") or []), *(mail.get("cc") or [])]
        return [a for a in (email_normalize(x or "") for x in found) if a]

    def _match_addresses(self, source, mails):
        addresses = list({a for mail in mails for a in self._addresses(mail)})
        if not addresses:
            return {}, {}
        partners = {}
        for partner in self.env["res.partner"].search(
            [("email_normalized", "in", addresses)], order="id"
        ):
            partners.setdefault(partner.email_normalized, partner.commercial_partner_id)
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

    def _thread_parents(self, mails):
        """Messages already logged that these mails answer (In-Reply-To, References)."""
        wanted = {
            ref
            for m in mails
            for ref in [m.get("in_reply_to"), *(m.get("references") or [])]
            if ref
        }
        if not wanted:
            return {}
        messages = (
            self.env[EMAIL_MODEL]
            .sudo()
            .search(
                [("message_id", "in", list(wanted)), ("model", "in", ("crm.lead", "res.partner"))]
            )
        )
        parents = {}
        for message in messages:
            parents.setdefault(message.message_id, self.env[EMAIL_MODEL])
            parents[message.message_id] |= message
        return parents

    def _route(self, source, mail, internal, partners, leads, parents):
        """Where a mail goes: logged on records, ignored with a reason, or a dead letter."""
        if not mail.get("message_id"):
            return {"status": "failed", "reason": self.env._("no Message-ID")}
        if mail.get("auto_submitted"):
            return {"status": "skipped", "reason": self.env._("automatic reply or bounce")}
        addresses = self._addresses(mail)
        never = source._never_log_patterns()
        if any(self._never_log(address, never) for address in addresses):
            return {"status": "skipped", "reason": self.env._("on the never-log list")}
        outside = [a for a in addresses if a not in internal]
        if not outside:
            return {"status": "skipped", "reason": self.env._("internal mail only")}
        targets = self.env["crm.lead"].browse()
        found_partners = self.env["res.partner"].browse()
        for address in outside:
            found_partners |= partners.get(address, found_partners.browse())
            targets |= leads.get(address, targets.browse())
        for parent_ref in [mail.get("in_reply_to"), *(mail.get("references") or [])]:
            for parent in parents.get(parent_ref, []):
                record = self.env[parent.model].browse(parent.res_id)
                if parent.model == "crm.lead":
                    targets |= record
                else:
                    found_partners |= record
        records = list(found_partners) + list(targets)
        if records:
            return {"status": "log", "targets": records}
        if source.email_log_scope == "customers":
            return {"status": "skipped", "reason": self.env._("not a thread with a customer")}
        policy = source.email_unknown_sender
        if policy == "lead":
            return {"status": "log", "targets": []}
        if policy == "dead_letter":
            return {"status": "failed", "reason": self.env._("unknown sender")}
        return {"status": "skipped", "reason": self.env._("unknown sender ignored")}

    @staticmethod
    def _never_log(address, patterns):
        domain = address.rsplit("@", 1)[-1]
        return address in patterns or domain in patterns

    def _leads_for_unknown_senders(self, source, to_log):
        """Mails with no record to go on become leads (policy 'create a lead')."""
        orphans = [mail for mail, targets in to_log if not targets]
        if not orphans:
            return to_log
        leads = (
            self.env["crm.lead"]
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            )
            .create(
                [
                    {
                        "name": mail.get("subject") or mail.get("from"),
                        "email_from": mail.get("from"),
                        "contact_name": mail.get("from_name") or False,
                        "company_id": source.company_id.id,
                        "team_id": source.lead_team_id.id or False,
                        "user_id": False,
                        "sync_source_id": source.id,
                    }
                    for mail in orphans
                ]
            )
        )
        new = dict(zip([m["_position"] for m in orphans], leads, strict=True))
        return [(mail, targets or [new[mail["_position"]]]) for mail, targets in to_log]

    def _log(self, source, to_log, parents, partners):
        """One mail message per (mail, record), as an email, notifying nobody."""
        values, owners = [], []
        for mail, targets in to_log:
            parent_refs = [mail.get("in_reply_to"), *(mail.get("references") or [])]
            for record in targets:
                parent = next(
                    (
                        p
                        for ref in parent_refs
                        for p in parents.get(ref, [])
                        if p.model == record._name and p.res_id == record.id
                    ),
                    None,
                )
                author = partners.get(email_normalize(mail.get("from") or ""))
                values.append(self._message_values(source, mail, record, parent, author))
                owners.append(mail)
        messages = self.env[EMAIL_MODEL].sudo().create(values)
        self._attach(owners, messages, source)
        self.env["crm.sync.binding"].create(
            [
                {
                    "source_id": source.id,
                    "external_id": mail["message_id"],
                    "res_model": EMAIL_MODEL,
                    "res_id": message.id,
                }
                for mail, message in self._first_per_mail(owners, messages)
            ]
        )
        return self._first_per_mail(owners, messages)

    @staticmethod
    def _first_per_mail(owners, messages):
        first = {}
        for mail, message in zip(owners, messages, strict=True):
            first.setdefault(mail["_position"], (mail, message))
        return list(first.values())

    def _message_values(self, source, mail, record, parent, author):
        return {
            "model": record._name,
            "res_id": record.id,
            "message_type": "email",
            "subtype_id": self.env.ref("mail.mt_note").id,
            "subject": mail.get("subject") or False,
            # sanitised by the worker, and again here for any other caller
            "body": html_sanitize(mail.get("body_html") or "")
            + self._attachment_notes(mail, source),
            "email_from": mail.get("from") or False,
            "author_id": author.id if author else False,
            "date": mail.get("date") or False,
            "message_id": mail["message_id"],
            "parent_id": parent.id if parent else False,
            "reply_to": mail.get("from") or False,
        }

    def _attachment_notes(self, mail, source):
        """Attachments too big to keep are listed, never silently dropped."""
        skipped = [a for a in mail.get("attachments") or [] if not self._keeps(a, source)]
        if not skipped:
            return Markup("")
        items = Markup("").join(
            Markup("<li>%s (%s KB, %s)</li>")
            % (a.get("name") or "?", (a.get("size") or 0) // 1024, a.get("mimetype") or "?")
            for a in skipped
        )
        note = escape(self.env._("Attachments not kept (over the size limit):"))
        return Markup("<p><i>%s</i></p><ul>%s</ul>") % (note, items)

    @staticmethod
    def _keeps(attachment, source):
        limit = (source.email_max_attachment_kb or 0) * 1024
        return bool(attachment.get("data")) and (attachment.get("size") or 0) <= limit

    def _attach(self, owners, messages, source):
        values = []
        for mail, message in zip(owners, messages, strict=True):
            for attachment in mail.get("attachments") or []:
                if self._keeps(attachment, source):
                    values.append(
                        {
                            "name": attachment.get("name") or "attachment",
                            "mimetype": attachment.get("mimetype"),
                            "datas": attachment["data"],
                            "res_model": message.model,
                            "res_id": message.res_id,
                            "_message": message,
                        }
                    )
        if not values:
            return
        targets = [value.pop("_message") for value in values]
        attachments = self.env["ir.attachment"].sudo().create(values)
        for message, attachment in zip(targets, attachments, strict=True):
            message.attachment_ids = [(4, attachment.id)]

    def _dead_letter(self, mail, reason):
        payload = {k: v for k, v in mail.items() if k not in ("_position", "attachments", "raw")}
        payload["attachments"] = [
            {k: v for k, v in a.items() if k != "data"} for a in mail.get("attachments") or []
        ]
        return {
            "_position": mail["_position"],
            "external_id": mail.get("message_id"),
            "payload": json.dumps(payload, ensure_ascii=False, default=str),
            "reason": reason,
        }

    @staticmethod
    def _result(mail, status, message_id=False, reason=False):
        return {
            "_position": mail["_position"],
            "external_id": mail.get("message_id"),
            "status": status,
            "lead_id": False,
            "message_id": message_id,
            "reason": reason,
        }
