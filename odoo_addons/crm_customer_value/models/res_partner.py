from odoo import api, fields, models

SALES = "sales_team.group_sale_salesman"


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_value_ids = fields.One2many(
        "crm.customer.value", "partner_id", string="Values", groups=SALES
    )
    value_tier_history_ids = fields.One2many(
        "crm.value.tier.history", "partner_id", string="Tier History", groups=SALES
    )
    # The value of this customer to the company the user works in now.
    value_tier_id = fields.Many2one(
        "crm.value.tier",
        compute="_compute_customer_value",
        search="_search_value_tier_id",
        groups=SALES,
    )
    value_tier_since = fields.Datetime(
        string="In Tier Since", compute="_compute_customer_value", groups=SALES
    )
    value_currency_id = fields.Many2one(
        "res.currency", compute="_compute_customer_value", groups=SALES
    )
    clv_amount = fields.Monetary(
        string="Lifetime Value",
        compute="_compute_customer_value",
        groups=SALES,
        currency_field="value_currency_id",
    )
    value_revenue = fields.Monetary(
        string="Net Revenue",
        compute="_compute_customer_value",
        groups=SALES,
        currency_field="value_currency_id",
    )
    value_recency_days = fields.Integer(
        string="Days Since Last Invoice", compute="_compute_customer_value", groups=SALES
    )
    value_frequency = fields.Integer(
        string="Invoices in Window", compute="_compute_customer_value", groups=SALES
    )
    value_monetary = fields.Monetary(
        string="Revenue in Window",
        compute="_compute_customer_value",
        groups=SALES,
        currency_field="value_currency_id",
    )
    value_recency_score = fields.Integer(
        string="Recency Score", compute="_compute_customer_value", groups=SALES
    )
    value_frequency_score = fields.Integer(
        string="Frequency Score", compute="_compute_customer_value", groups=SALES
    )
    value_monetary_score = fields.Integer(
        string="Spend Score", compute="_compute_customer_value", groups=SALES
    )

    @api.depends_context("company")
    @api.depends("customer_value_ids")
    def _compute_customer_value(self):
        company = self.env.company
        value_of = self._customer_value_of()
        for partner in self:
            value = value_of(partner)
            partner.value_tier_id = value.value_tier_id
            partner.value_tier_since = value.tier_since
            partner.value_currency_id = company.currency_id
            partner.clv_amount = value.clv_amount
            partner.value_revenue = value.revenue
            partner.value_recency_days = value.recency_days
            partner.value_frequency = value.frequency
            partner.value_monetary = value.monetary
            partner.value_recency_score = value.recency_score
            partner.value_frequency_score = value.frequency_score
            partner.value_monetary_score = value.monetary_score

    def _customer_value_of(self):
        """One read of these customers' values in the current company; returns a function
        giving a partner's value (empty when it has none). Shared by every computed
        field that shows a value, so each reads them once."""
        values = (
            self.env["crm.customer.value"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        by_partner = {value.partner_id: value for value in values}
        return lambda partner: by_partner.get(partner.commercial_partner_id, values.browse())

    def _search_on_value(self, field_name, operator, value):
        """Customers whose value in the current company matches (field_name, operator, value)."""
        values = self.env["crm.customer.value"]._search(
            [("company_id", "=", self.env.company.id), (field_name, operator, value)]
        )
        return [("commercial_partner_id", "in", values.subselect("partner_id"))]

    def _search_value_tier_id(self, operator, value):
        return self._search_on_value("value_tier_id", operator, value)

    def action_open_customer_value(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.value.tier.history",
            "name": self.env._("Tier History"),
            "view_mode": "list",
            "domain": [("partner_id", "=", self.commercial_partner_id.id)],
        }
