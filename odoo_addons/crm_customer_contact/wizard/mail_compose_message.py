"""The sender says whether a hand-written email is promotional: a checkbox on the full
composer, ticked by default when the chosen template is promotional. The composer sends
what the sender decides, but says first which recipients the contact policy would hold
back from a promotional contact now (over the month's limit, opted out, quiet after a
complaint), as mailings and reminders do."""

from markupsafe import Markup

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

    contact_held_back = fields.Html(
        string="Held Back by the Contact Policy",
        compute="_compute_contact_held_back",
        sanitize=False,
        help="Recipients a mailing or reminder would leave out now: sending by hand still "
        "reaches them and counts against their limit.",
    )

    @api.depends("template_id")
    def _compute_contact_promotional(self):
        for composer in self:
            composer.contact_promotional = composer.template_id.contact_promotional

    @api.depends("contact_promotional", "partner_ids", "composition_mode", "model", "res_ids")
    def _compute_contact_held_back(self):
        for composer in self:
            partners = composer._contact_recipients() if composer.contact_promotional else None
            refusals = partners._contact_policy_refusals() if partners else {}
            composer.contact_held_back = composer._contact_held_back_list(partners, refusals)

    def _contact_held_back_list(self, partners, refusals, shown=10):
        """The first `shown` held-back recipients and how many more: a mass mail to a
        whole segment must not push the email itself off the screen."""
        if not refusals:
            return False
        first = dict(list(refusals.items())[:shown])
        items = partners._contact_policy_note_items(first)
        if len(refusals) > shown:
            more = self.env._("and %(count)s more", count=len(refusals) - shown)
            items += Markup('<li dir="auto">%s</li>') % more
        return Markup("<ul>%s</ul>") % items

    def _contact_recipients(self):
        """The customers this composer writes to: its recipients, and in mass mode the
        default customers of each record (the records themselves for contacts)."""
        # The saved partners: while the form is edited they are new records, which the
        # policy's counts (SQL on ids) cannot find.
        partners = self.partner_ids._origin
        if self.composition_mode != "mass_mail" or not self.model:
            return partners
        records = self.env[self.model].browse(self._evaluate_res_ids())
        if self.model == "res.partner":
            return partners | records
        for customers in records._mail_get_partners().values():
            partners |= customers
        return partners

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
