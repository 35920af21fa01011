"""Email logs into the chatter of the customers and leads they concern.

Per batch: one query for Message-IDs already logged in the company, one for the partners
and one for the open leads the batch's addresses match, one for the messages replies
point to, then one create of mail messages (notifying nobody) and one of attachments.
When Odoo refuses that, the mails are logged one by one, and only the refused ones become
dead letters. Where a mail goes is crm_sync_email_routing.py, threads are
crm_sync_email_threading.py, attachments crm_sync_email_attachments.py, Odoo's gateway
crm_sync_email_gateway.py."""

import json
from collections import ChainMap

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
        results, fresh = self._split_duplicates(source, self._numbered(mails))
        if source.email_use_gateway:
            taken, rejected = self.env["crm.sync.email.gateway"]._through_gateway(run, fresh)
        else:
            taken, rejected = self._log_batch(source, fresh)
        results += taken
        results += self.env["crm.sync.dead.letter"]._keep_rejected(run, rejected)
        return self._in_batch_order(results)

    def _log_batch(self, source, mails):
        routing = self.env["crm.sync.email.routing"]
        partners, leads = routing._match_addresses(source, mails)
        parents = self.env["crm.sync.email.threading"]._known_parents(source, mails)
        verdicts = routing._route_all(source, mails, partners, leads, parents)
        results, to_log, rejected = [], [], []
        for mail, verdict in zip(mails, verdicts, strict=True):
            if verdict["status"] == "log":
                to_log.append((mail, verdict))
            elif verdict["status"] == "failed":
                rejected.append(self._dead_letter(mail, verdict["reason"]))
            else:
                self.env["crm.sync.dead.letter"]._settle_replayed([mail])
                results.append(self._result(mail, verdict["status"], reason=verdict["reason"]))
        logged, refused = self._store(source, to_log, parents, partners)
        results += [self._result(mail, "created", message.id) for mail, message in logged]
        return results, rejected + refused

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
                fresh.append(mail)  # refused in routing with its reason
            elif message_id in known or message_id in seen:
                self.env["crm.sync.dead.letter"]._settle_replayed([mail])
                results.append(self._result(mail, "duplicate"))
            else:
                seen.add(message_id)
                fresh.append(mail)
        return results, fresh

    def _store(self, source, to_log, parents, partners):
        """All the mails at once; if Odoo refuses that, one by one: a refused mail is a
        dead letter with Odoo's message as its reason, and the others are logged."""
        done, reason = self._attempt(self._log, source, to_log, parents, partners, {}, {})
        if not reason:
            return done[0], []
        logged, refused, in_batch, resolved = [], [], {}, {}
        for item in to_log:
            done, reason = self._attempt(
                self._log, source, [item], parents, partners, in_batch, resolved
            )
            if reason:
                refused.append(self._dead_letter(item[0], reason))
                continue
            logged += done[0]
            in_batch.update(done[1])  # what later mails of the batch may answer
            resolved.update(done[2])  # and where they went
        return logged, refused

    def _log(self, source, to_log, parents, partners, in_batch, resolved):
        """One mail message per (mail, record), as an email, notifying nobody; a reply
        answers its parent, logged before or earlier in this batch (`in_batch`).

        Returns the first message of each mail, the messages created by (Message-ID,
        model, record id), and the records of each mail by position."""
        threading = self.env["crm.sync.email.threading"]
        routed = self.env["crm.sync.email.routing"]._targets(source, to_log, resolved)
        values, owners, later, here = [], [], {}, {}
        for mail, targets in routed:
            author = partners.get(email_normalize(mail.get("from") or ""))
            for record in targets:
                parent = threading._parent_for(mail, record, parents, ChainMap(here, in_batch))
                if isinstance(parent, int):  # created in this very create: set after it
                    later[len(values)] = parent
                    parent = None
                here[(mail["message_id"], record._name, record.id)] = len(values)
                values.append(self._message_values(source, mail, record, parent, author))
                owners.append(mail)
        # As superuser: posting on a contact needs rights on contacts the worker's user
        # does not have; which records a mail goes on was decided within the source's
        # company, as the worker's user, before this.
        messages = self.env[EMAIL_MODEL].sudo().create(values)
        for index, parent_index in later.items():
            messages[index].parent_id = messages[parent_index]
        self.env["crm.sync.email.attachments"]._attach(owners, messages, source)
        logged = self._first_per_mail(owners, messages)
        self.env["crm.sync.binding"].create(
            [
                {
                    "source_id": source.id,
                    "external_id": mail["message_id"],
                    "res_model": EMAIL_MODEL,
                    "res_id": message.id,
                }
                for mail, message in logged
            ]
        )
        self.env["crm.sync.dead.letter"]._settle_replayed([mail for mail, _message in logged])
        return (
            logged,
            {key: messages[index] for key, index in here.items()},
            {mail["_position"]: targets for mail, targets in routed},
        )

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
            + self.env["crm.sync.email.attachments"]._notes(mail, source),
            "email_from": mail.get("from") or False,
            "author_id": author.id if author else False,
            "date": mail.get("date") or False,
            "message_id": mail["message_id"],
            "parent_id": parent.id if parent else False,
            "reply_to": mail.get("from") or False,
        }

    @staticmethod
    def _dead_letter(mail, reason):
        """The mail as the worker sent it (its attachments included), so that a replay
        sends it again through the email path unchanged. `reason`: {"reason", "reasons"}
        (crm.sync.dead.letter.reason)."""
        payload = {
            key: value
            for key, value in mail.items()
            if not key.startswith("_") and key not in ("raw", "dead_letter_id")
        }
        return {
            "_position": mail["_position"],
            "dead_letter_id": mail.get("dead_letter_id"),
            "external_id": mail.get("message_id"),
            "payload": json.dumps(payload, ensure_ascii=False, default=str),
            **reason,
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
