from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_voucher_program_id = fields.Many2one(
        related="company_id.complaint_voucher_program_id", readonly=False
    )
    complaint_followup_days = fields.Integer(
        related="company_id.complaint_followup_days", readonly=False
    )
    complaint_sla_at_risk_hours = fields.Float(
        string="About to Break After",
        config_parameter="crm_customer_care.sla_at_risk_hours",
        default=4.0,
        help="A complaint this many hours (or fewer) before its promised time is about to "
        "break the promise.",
    )
