from odoo import api, fields, models

from .crm_customer_value import ALIVE_STATUSES

SALES = "sales_team.group_sale_salesman"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The prediction for this customer in the company the user works in now.
    value_alive_probability = fields.Float(
        string="Alive Probability", compute="_compute_value_prediction", groups=SALES
    )
    value_alive_status = fields.Selection(
        ALIVE_STATUSES,
        string="Customer Status",
        compute="_compute_value_prediction",
        search="_search_value_alive_status",
        groups=SALES,
    )
    value_expected_purchases_3m = fields.Float(
        string="Expected Purchases (3 months)",
        digits=(16, 2),
        compute="_compute_value_prediction",
        groups=SALES,
    )
    value_expected_purchases_6m = fields.Float(
        string="Expected Purchases (6 months)",
        digits=(16, 2),
        compute="_compute_value_prediction",
        groups=SALES,
    )
    value_expected_purchases_12m = fields.Float(
        string="Expected Purchases (12 months)",
        digits=(16, 2),
        compute="_compute_value_prediction",
        groups=SALES,
    )
    value_expected_order_value = fields.Monetary(
        string="Expected Order Value",
        compute="_compute_value_prediction",
        groups=SALES,
        currency_field="value_currency_id",
    )
    value_predicted_clv = fields.Monetary(
        string="Predicted Lifetime Value",
        compute="_compute_value_prediction",
        groups=SALES,
        currency_field="value_currency_id",
    )
    value_at_risk = fields.Boolean(
        string="Valuable at Risk",
        compute="_compute_value_prediction",
        search="_search_value_at_risk",
        groups=SALES,
    )

    value_prediction_note = fields.Char(
        string="No Prediction",
        compute="_compute_value_prediction_note",
        groups=SALES,
        help="Why the company's customers have no prediction (the last fit was refused).",
    )

    @api.depends_context("company", "lang")
    def _compute_value_prediction_note(self):
        # The same company as the figures: the one the user works in now.
        note = self.env.company._value_prediction_note()
        for partner in self:
            partner.value_prediction_note = note

    @api.depends_context("company")
    @api.depends("customer_value_ids")
    def _compute_value_prediction(self):
        value_of = self._customer_value_of()
        for partner in self:
            value = value_of(partner)
            partner.value_alive_probability = value.alive_probability
            partner.value_alive_status = value.alive_status
            partner.value_expected_purchases_3m = value.expected_purchases_3m
            partner.value_expected_purchases_6m = value.expected_purchases_6m
            partner.value_expected_purchases_12m = value.expected_purchases_12m
            partner.value_expected_order_value = value.expected_order_value
            partner.value_predicted_clv = value.predicted_clv
            partner.value_at_risk = value.valuable_at_risk

    def _search_value_alive_status(self, operator, value):
        return self._search_on_value("alive_status", operator, value)

    def _search_value_at_risk(self, operator, value):
        return self._search_on_value("valuable_at_risk", operator, value)
