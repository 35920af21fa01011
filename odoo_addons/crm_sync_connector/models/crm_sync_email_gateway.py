"""Odoo's own mail gateway, for sources that ask for it: aliases and routing rules decide
where each mail goes."""

import base64

from odoo import api, models
from odoo.exceptions import UserError

EMAIL_MODEL = "mail.message"


class CrmSyncEmailGateway(models.AbstractModel):
    _name = "crm.sync.email.gateway"
    _inherit = "crm.sync.import.mixin"
    _description = "Sync: emails through Odoo's mail gateway"

    @api.model
    def _through_gateway(self, run, mails):
        """One mail at a time: returns the results of the mails the gateway took, and the
        dead letters (with the gateway's reason) of those it refused."""
        importer = self.env["crm.sync.email.import"]
        results, rejected = [], []
        for mail in mails:
            if not mail.get("raw"):
                reason = self.env["crm.sync.dead.letter.reason"]._reason("no_raw_mail")
                rejected.append(importer._dead_letter(mail, reason))
                continue
            message, reason = self._attempt(self._process, run.source_id, mail)
            if reason:
                rejected.append(importer._dead_letter(mail, reason))
                continue
            self.env["crm.sync.dead.letter"]._settle_replayed([mail])
            results.append(importer._result(mail, "created", message.id))
        return results, rejected

    def _process(self, source, mail):
        # The gateway runs as superuser, as it does for Odoo's incoming mail server.
        self.env["mail.thread"].sudo().message_process(
            False, base64.b64decode(mail["raw"]), save_original=False
        )
        message = (
            self.env[EMAIL_MODEL].sudo().search([("message_id", "=", mail["message_id"])], limit=1)
        )
        self._check_company(source, message)
        self.env["crm.sync.binding"].create(
            {
                "source_id": source.id,
                "external_id": mail["message_id"],
                "res_model": EMAIL_MODEL,
                "res_id": message.id,
            }
        )
        return message

    def _check_company(self, source, message):
        """An alias of another company routed the mail: refuse it (rolled back), the
        source's mails stay in the source's company."""
        if not message.model or not message.res_id:
            return
        record = self.env[message.model].sudo().browse(message.res_id)
        company = record.company_id if "company_id" in record._fields else False
        if company and company != source.company_id:
            raise UserError(
                self.env._(
                    "Odoo's mail gateway routed this mail to a record of another company "
                    "(%(company)s) than the source's.",
                    company=company.name,
                )
            )
