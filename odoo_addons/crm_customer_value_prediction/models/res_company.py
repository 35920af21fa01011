from types import SimpleNamespace

from odoo import fields, models

from .prediction_fit import error_message


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------ settings
    value_prediction_months = fields.Integer(
        string="Prediction Horizon (months)",
        default=36,
        help="Months of future purchases the predicted lifetime value adds up, discounted "
        "monthly at the lifetime value's discount rate.",
    )
    value_alive_active_percent = fields.Float(
        string="Active From (% alive)",
        default=70.0,
        help="Customers at least this likely to still be customers are shown as active.",
    )
    value_alive_lost_percent = fields.Float(
        string="Likely Lost Below (% alive)",
        default=30.0,
        help="Customers less likely than this to still be customers are shown as likely "
        "lost; those in between are at risk.",
    )
    value_at_risk_top_percent = fields.Float(
        string="Valuable Customers (top % by predicted value)",
        default=20.0,
        help="Customers in this top share of predicted lifetime value are called when "
        "they are at risk or their chance of being alive falls.",
    )
    value_tier_on_prediction = fields.Boolean(
        string="Tiers by Predicted Value",
        help="Place customers in the pyramid by their predicted lifetime value instead of "
        "the value of their past purchases.",
    )
    # ------------------------------------------------------------ last fit
    value_prediction_state = fields.Selection(
        [("none", "Not fitted yet"), ("fitted", "Fitted"), ("failed", "No prediction")],
        string="Prediction Status",
        default="none",
        readonly=True,
        copy=False,
    )
    value_prediction_message = fields.Char(string="Prediction Message", readonly=True, copy=False)
    value_prediction_reason = fields.Char(
        string="Prediction Refused Because",
        readonly=True,
        copy=False,
        help="The case of the last refused fit (few_repeaters, unstable...).",
    )
    value_prediction_details = fields.Json(
        string="Prediction Refusal Figures", readonly=True, copy=False
    )
    value_prediction_fitted_at = fields.Datetime(string="Fitted On", readonly=True, copy=False)
    value_prediction_customers = fields.Integer(
        string="Customers in the Fit", readonly=True, copy=False
    )
    value_prediction_repeaters = fields.Integer(
        string="Repeat Customers in the Fit", readonly=True, copy=False
    )
    value_bgnbd_r = fields.Float(string="BG/NBD r", digits=(16, 4), readonly=True, copy=False)
    value_bgnbd_alpha = fields.Float(
        string="BG/NBD alpha (weeks)", digits=(16, 4), readonly=True, copy=False
    )
    value_bgnbd_a = fields.Float(string="BG/NBD a", digits=(16, 4), readonly=True, copy=False)
    value_bgnbd_b = fields.Float(string="BG/NBD b", digits=(16, 4), readonly=True, copy=False)
    value_spend_p = fields.Float(string="Gamma-Gamma p", digits=(16, 4), readonly=True, copy=False)
    value_spend_q = fields.Float(string="Gamma-Gamma q", digits=(16, 4), readonly=True, copy=False)
    value_spend_gamma = fields.Float(
        string="Gamma-Gamma gamma", digits=(16, 4), readonly=True, copy=False
    )

    def _value_prediction_note(self):
        """Why the company's customers have no prediction, in the reader's language, or
        False when the last fit gave one: shown where the figures would be, since no
        figure is better than a wrong one (zeros read as "0 % alive")."""
        self.ensure_one()
        if self.value_prediction_state == "fitted":
            return False
        if self.value_prediction_state == "failed" and self.value_prediction_reason:
            refusal = SimpleNamespace(
                reason=self.value_prediction_reason, details=self.value_prediction_details or {}
            )
            return error_message(self.env, refusal)
        if self.value_prediction_state == "failed" and self.value_prediction_message:
            # a fit refused before the case was kept: its words, in the fit's language
            return self.value_prediction_message
        return self.env._(
            "The customers' values have not been recomputed since the prediction was installed."
        )
