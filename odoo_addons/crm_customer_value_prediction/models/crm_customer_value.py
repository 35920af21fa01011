"""What the models predict for one customer, kept on the customer's value record; the hook
that predicts the whole company each time its values are recomputed; the at-risk cron.

The steps are plain functions, one module each: prediction_inputs (SQL), prediction_fit
(numpy, lib/lifetime_models.py), prediction_storage (SQL), prediction_ranking,
prediction_activity."""

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.crm_customer_value.models.value_aggregation import value_settings

from .prediction_activity import schedule_at_risk_activities
from .prediction_fit import predict_company
from .prediction_ranking import use_predicted_ranking

ALIVE_STATUSES = [
    ("active", "Active"),
    ("at_risk", "At Risk"),
    ("lost", "Likely Lost"),
    ("single", "One Purchase So Far"),
]


class CrmCustomerValue(models.Model):
    _inherit = "crm.customer.value"

    repeat_purchases = fields.Integer(
        help="Days with purchases after the first one: the frequency of the models."
    )
    alive_probability = fields.Float(
        aggregator="avg",
        help="Chance that the customer still buys from us (BG/NBD model), from how often "
        "and how recently they bought.",
    )
    alive_probability_previous = fields.Float(
        string="Previous Alive Probability", help="At the recompute before the last one."
    )
    alive_status = fields.Selection(
        ALIVE_STATUSES,
        string="Customer Status",
        index=True,
        help="From the alive probability and the thresholds in the settings. A customer with "
        "one purchase has not shown yet how they buy: the model cannot tell them lost.",
    )
    expected_purchases_3m = fields.Float(
        string="Expected Purchases (3 months)", digits=(16, 2), aggregator="sum"
    )
    expected_purchases_6m = fields.Float(
        string="Expected Purchases (6 months)", digits=(16, 2), aggregator="sum"
    )
    expected_purchases_12m = fields.Float(
        string="Expected Purchases (12 months)", digits=(16, 2), aggregator="sum"
    )
    expected_order_value = fields.Monetary(
        aggregator="avg",
        help="Expected untaxed amount of a future purchase (Gamma-Gamma model).",
    )
    predicted_clv = fields.Monetary(
        string="Predicted Lifetime Value",
        help="Present value of the margin expected from future purchases over the horizon "
        "of the settings.",
    )
    valuable_at_risk = fields.Boolean(
        string="Valuable at Risk",
        index=True,
        help="Among the most valuable customers by predicted value, and at risk or less "
        "likely to be alive than at the previous recompute.",
    )
    at_risk_activity_date = fields.Date(
        string="At-Risk Call Planned On", help="When the last at-risk activity was scheduled."
    )
    prediction_note = fields.Char(
        string="No Prediction",
        compute="_compute_prediction_note",
        help="Why the company's customers have no prediction (the last fit was refused).",
    )

    @api.depends(
        "company_id.value_prediction_state",
        "company_id.value_prediction_reason",
        "company_id.value_prediction_details",
        "company_id.value_prediction_message",
    )
    @api.depends_context("lang")
    def _compute_prediction_note(self):
        for value in self:
            value.prediction_note = value.company_id._value_prediction_note()

    @api.model
    def action_open_valuable_at_risk(self):
        """The at-risk list: a salesperson's own customers first, every customer for a
        manager (who answers for all of them). When the last fit was refused the list is
        empty for a reason, and says which."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_value_prediction.crm_customer_value_action_at_risk"
        )
        context = {"search_default_valuable_at_risk": 1}
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            context["search_default_my_customers"] = 1
        action["context"] = context
        note = self.env.company._value_prediction_note()
        if note:
            action["help"] = Markup('<p class="o_view_nocontent_empty_folder">%s</p><p>%s</p>') % (
                self.env._("No prediction"),
                note,
            )
        return action

    @api.model
    def _finish_company(self, company, settings=None):
        """Predict before the ranking, so that tiers may use the predicted value."""
        settings = settings or value_settings(self.env, company)
        predict_company(self.env, company, settings)
        return super()._finish_company(company, use_predicted_ranking(company, settings))

    @api.model
    def _cron_schedule_at_risk_activities(self):
        """Batched cron (Odoo 18): one batch, its progress, and Odoo calls again."""
        done, remaining = schedule_at_risk_activities(self.env)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
