from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    value_prediction_months = fields.Integer(
        related="company_id.value_prediction_months", readonly=False
    )
    value_alive_active_percent = fields.Float(
        related="company_id.value_alive_active_percent", readonly=False
    )
    value_alive_lost_percent = fields.Float(
        related="company_id.value_alive_lost_percent", readonly=False
    )
    value_at_risk_top_percent = fields.Float(
        related="company_id.value_at_risk_top_percent", readonly=False
    )
    value_tier_on_prediction = fields.Boolean(
        related="company_id.value_tier_on_prediction", readonly=False
    )
    value_prediction_state = fields.Selection(related="company_id.value_prediction_state")
    value_prediction_message = fields.Char(related="company_id.value_prediction_message")
    value_prediction_fitted_at = fields.Datetime(related="company_id.value_prediction_fitted_at")
    value_prediction_customers = fields.Integer(related="company_id.value_prediction_customers")
    value_prediction_repeaters = fields.Integer(related="company_id.value_prediction_repeaters")
    value_bgnbd_r = fields.Float(related="company_id.value_bgnbd_r")
    value_bgnbd_alpha = fields.Float(related="company_id.value_bgnbd_alpha")
    value_bgnbd_a = fields.Float(related="company_id.value_bgnbd_a")
    value_bgnbd_b = fields.Float(related="company_id.value_bgnbd_b")
    value_spend_p = fields.Float(related="company_id.value_spend_p")
    value_spend_q = fields.Float(related="company_id.value_spend_q")
    value_spend_gamma = fields.Float(related="company_id.value_spend_gamma")
