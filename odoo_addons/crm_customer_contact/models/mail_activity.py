from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # Marks the one activity of a document that stands for its next agreed contact, so
    # that agreeing a new date replaces it instead of piling up.
    crm_next_contact = fields.Boolean(copy=False)
