from odoo import fields, models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    contact_promotional = fields.Boolean(
        string="Promotional",
        help="Emails written from this template (offers, announcements) are promotional by "
        "default: they count against the customer's monthly limit of promotional contacts.",
    )
