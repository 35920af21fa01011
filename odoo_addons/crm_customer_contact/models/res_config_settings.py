from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    contact_max_promotional = fields.Integer(
        related="company_id.contact_max_promotional", readonly=False
    )
    contact_quiet_days = fields.Integer(related="company_id.contact_quiet_days", readonly=False)
