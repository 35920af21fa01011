from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jalali_kpi_months = fields.Boolean(related="company_id.jalali_kpi_months", readonly=False)
