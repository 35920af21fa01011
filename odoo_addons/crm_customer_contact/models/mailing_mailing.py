"""Mailings respect the contact policy: recipients over the month's limit, opted out or
quiet after a complaint are left out, and the mailing says who and why. Email and SMS
mailings (mass_mailing_sms routes SMS through `_action_send_mail` too) alike."""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    contact_policy_skipped = fields.Integer(
        string="Held Back by Contact Policy",
        readonly=True,
        copy=False,
        help="Recipients left out of the last send because of the contact policy.",
    )

    def _get_remaining_recipients(self):
        res_ids = super()._get_remaining_recipients()
        return self._contact_policy_split(res_ids)[0]

    def _action_send_mail(self, res_ids=None):
        # Given recipients are not filtered by Odoo (only remaining ones are): send to the
        # allowed ones only.
        for mailing in self:
            candidates = res_ids or super(MailingMailing, mailing)._get_remaining_recipients()
            allowed, refusals = mailing._contact_policy_split(candidates)
            mailing._contact_policy_report(refusals, allowed)
            super(MailingMailing, mailing)._action_send_mail(res_ids=allowed if res_ids else None)
        return True

    def _contact_policy_partners(self, res_ids):
        """{record id: partner} for the recipients of this mailing that are customers:
        partners themselves, documents with a customer, or list contacts by email."""
        self.ensure_one()
        records = self.env[self.mailing_model_real].browse(res_ids)
        if self.mailing_model_real == "res.partner":
            return {record.id: record for record in records}
        if "partner_id" in records._fields:
            return {record.id: record.partner_id for record in records if record.partner_id}
        if "email_normalized" not in records._fields:
            return {}
        emails = set(records.mapped("email_normalized")) - {False}
        partners = self.env["res.partner"].search([("email_normalized", "in", list(emails))])
        by_email = {partner.email_normalized: partner for partner in partners}
        return {
            record.id: by_email[record.email_normalized]
            for record in records
            if record.email_normalized in by_email
        }

    def _contact_policy_split(self, res_ids):
        """(allowed record ids, {partner id: reason} of the customers held back)."""
        if not res_ids or len(self) != 1:
            return res_ids, {}
        partner_of = self._contact_policy_partners(res_ids)
        partners = self.env["res.partner"].union(*partner_of.values())
        refusals = partners._contact_policy_refusals()
        no_partner = self.env["res.partner"]
        allowed = [rid for rid in res_ids if partner_of.get(rid, no_partner).id not in refusals]
        return allowed, refusals

    def _contact_policy_report(self, refusals, allowed):
        self.ensure_one()
        self.contact_policy_skipped = len(refusals)
        if not refusals:
            return
        lines = self.env["res.partner"]._contact_policy_note(refusals)
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Held back by the contact policy:"),
            self.env["res.partner"]._contact_policy_note_items(refusals),
        )
        if not allowed:
            raise UserError(
                self.env._("Every remaining recipient is held back by the contact policy:\n%s")
                % "\n".join(lines)
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
