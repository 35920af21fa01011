from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Per company: each company decides how often its customers may hear from it.
    contact_max_promotional = fields.Integer(
        string="Promotional Contacts per Month",
        default=4,
        help="At most this many promotional contacts (mailings, reminders, survey "
        "invitations) per customer and calendar month; 0 means no limit.",
    )
    contact_quiet_days = fields.Integer(
        string="Quiet Days after a Complaint",
        default=14,
        help="No promotional contact for this many days after the customer complained "
        "(needs the complaints addon).",
    )
