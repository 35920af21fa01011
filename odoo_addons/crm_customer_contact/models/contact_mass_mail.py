"""Emails of the composer's mass-mail mode (a template sent to many records) leave a
mail.mail per record and no notification: the mail is deleted once sent, and its message
is kept on the record only when *Keep Message Copy* is ticked. One row per mail and
recipient keeps the contact for the monthly count (contact_count.py), like a notification
does for an email from the chatter."""

from odoo import api, fields, models


class CrmCustomerContactMail(models.Model):
    _name = "crm.customer.contact.mail"
    _description = "Customer Contact by Mass Email"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, index=True)
    promotional = fields.Boolean()
    # The mail while it waits or failed (its state then decides), and the message it
    # leaves on the record when it leaves one (a notification of it would count already).
    mail_id = fields.Many2one("mail.mail", index="btree_not_null", ondelete="set null")
    message_id = fields.Many2one("mail.message", index="btree_not_null", ondelete="set null")
    failed = fields.Boolean()


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        if self.env.context.get("crm_contact_mass_mail"):
            mails._contact_log_mass_mail()
        return mails

    def _contact_log_mass_mail(self):
        # A mailing's own mails are counted by their traces; a cancelled mail (blacklisted,
        # no email, duplicate) reaches nobody.
        rows = [
            {
                "partner_id": partner.id,
                "date": mail.mail_message_id.date or fields.Datetime.now(),
                "promotional": mail.contact_promotional,
                "mail_id": mail.id,
                "message_id": mail.mail_message_id.id,
            }
            for mail in self.sudo()
            if mail.state != "cancel" and not mail.mailing_id
            for partner in mail.recipient_ids
        ]
        if rows:
            self.env["crm.customer.contact.mail"].sudo().create(rows)

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        # A mail that could not go out reached nobody, as a failed notification; a mail
        # deleted after sending went out.
        if failure_type:
            reached = {getattr(pid, "id", pid) for pid in success_pids}
            logs = (
                self.env["crm.customer.contact.mail"]
                .sudo()
                .search([("mail_id", "in", self.ids), ("partner_id", "not in", list(reached))])
            )
            logs.write({"failed": True})
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
