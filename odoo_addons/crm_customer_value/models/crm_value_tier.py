from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmValueTier(models.Model):
    """A level of the customer pyramid (seed 000): platinum at the top, lead at the bottom."""

    _name = "crm.value.tier"
    _description = "Customer Value Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(
        default=10, help="Lower is higher in the pyramid: the top tier comes first."
    )
    strategy = fields.Text(
        translate=True, help="What the company does with customers of this tier."
    )
    customer_share = fields.Float(
        string="Share of Customers (%)",
        digits=(5, 2),
        help="With the 'share of customers' method: the percentage of customers, ranked by "
        "lifetime value, that this tier takes after the tiers above it.",
    )
    min_lifetime_value = fields.Monetary(
        string="Minimum Lifetime Value",
        currency_field="currency_id",
        help="With the 'thresholds' method: customers worth at least this much reach the "
        "tier. The bottom tier takes everyone else.",
    )
    yearly_retention_cost = fields.Monetary(
        currency_field="currency_id",
        help="Cost of keeping a customer of this tier for a year; empty uses the company's.",
    )
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the tier in every company. A company that has tiers of its "
        "own uses only those.",
    )
    amount_currency_id = fields.Many2one(
        "res.currency",
        string="Amounts In",
        default=lambda self: self.env.company.currency_id,
        help="The currency of a shared tier's minimum lifetime value and yearly cost. Each "
        "company ranks its customers with them converted into its own currency at its rate "
        "of the day. A company's own tiers are in the company's currency.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    active = fields.Boolean(default=True)
    customer_count = fields.Integer(compute="_compute_customer_count", string="Customers")

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "Tier codes are unique per company."),
        (
            "customer_share_range",
            "CHECK(customer_share >= 0 AND customer_share <= 100)",
            "A tier's share of customers is between 0 and 100 %.",
        ),
    ]

    @api.depends("company_id", "amount_currency_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        # One amount means one worth: never the reader's company currency for a shared
        # tier (100,000 would be dollars in one company and rials in another).
        for tier in self:
            tier.currency_id = (
                tier.company_id.currency_id
                or tier.amount_currency_id
                or self.env.company.currency_id
            )

    def _compute_customer_count(self):
        counts = dict(
            self.env["crm.customer.value"]._read_group(
                [("value_tier_id", "in", self.ids), ("company_id", "in", self.env.companies.ids)],
                ["value_tier_id"],
                ["__count"],
            )
        )
        for tier in self:
            tier.customer_count = counts.get(tier, 0)

    @api.constrains("customer_share", "company_id", "active")
    def _check_total_share(self):
        for company in set(self.mapped("company_id")) or {self.env["res.company"]}:
            total = sum(self.search([("company_id", "=", company.id)]).mapped("customer_share"))
            if total > 100.0001:
                raise ValidationError(
                    self.env._(
                        "The tiers' shares of customers add up to %(total)s %%, more than 100 %%.",
                        total=round(total, 2),
                    )
                )

    def _amounts_in_company_currency(self, company, date):
        """{tier id: (minimum lifetime value, yearly retention cost)} in `company`'s
        currency, converted from each tier's at the company's rate on `date`."""
        target = company.currency_id
        return {
            tier.id: tuple(
                tier.currency_id._convert(amount, target, company, date, round=False)
                for amount in (tier.min_lifetime_value, tier.yearly_retention_cost)
            )
            for tier in self
        }

    @api.model
    def _tiers_for_company(self, company):
        """The company's own tiers if it has any, else the shared ones; top tier first."""
        own = self.search([("company_id", "=", company.id)])
        return own or self.search([("company_id", "=", False)])
