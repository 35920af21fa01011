"""The sender says whether a hand-written email is promotional: a checkbox on the full
composer, ticked by default when the chosen template is promotional."""

from odoo import api, fields, models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    contact_promotional = fields.Boolean(
        string="Promotional",
        compute="_compute_contact_promotional",
        readonly=False,
        store=True,
        help="Tick for an offer or announcement: it counts against the customer's monthly "
        "limit of promotional contacts (contact policy).",
    )

    @api.depends("template_id")
    def _compute_contact_promotional(self):
        for composer in self:
            composer.contact_promotional = composer.template_id.contact_promotional

    def _prepare_mail_values(self, res_ids):
        values = super()._prepare_mail_values(res_ids)
        if self.contact_promotional:
            for record_values in values.values():
                record_values["contact_promotional"] = True
        return values

    def _action_send_mail_mass_mail(self, res_ids, auto_commit=False):
        # Mass mode makes mails, not notifications: each mail made here keeps its contact
        # for the monthly count (crm.customer.contact.mail).
        composer = self.with_context(crm_contact_mass_mail=True)
        return super(MailComposeMessage, composer)._action_send_mail_mass_mail(
            res_ids, auto_commit=auto_commit
        )
