from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    value_discount_rate = fields.Float(
        string="Discount Rate (%/year)",
        default=10.0,
        help="Interest rate that brings future margin back to its present value.",
    )
    value_horizon_years = fields.Integer(string="Horizon (years)", default=5)
    value_retention_rate = fields.Float(
        string="Retention Probability (%/year)",
        default=100.0,
        help="Chance that a customer is still a customer one year later.",
    )
    value_yearly_retention_cost = fields.Monetary(
        string="Cost of Keeping a Customer (per year)",
        currency_field="currency_id",
        help="Service, visits and rewards a customer costs per year; a tier may override it.",
    )
    value_margin_source = fields.Selection(
        [
            ("cost", "Product cost, else the margin rate"),
            ("rate", "Always the margin rate"),
        ],
        string="Margin From",
        default="cost",
        required=True,
        help="Product cost: revenue minus quantity times the product's cost where the "
        "product has one; other lines use the margin rate.",
    )
    value_margin_rate = fields.Float(string="Margin Rate (%)", default=30.0)
    value_window_days = fields.Integer(
        string="Frequency and Spend Window (days)",
        default=365,
        help="Invoices and revenue in this many days make the frequency and spend scores.",
    )
    value_tier_method = fields.Selection(
        [
            ("share", "Share of customers ranked by lifetime value"),
            ("threshold", "Lifetime value thresholds"),
        ],
        string="Tier Method",
        default="share",
        required=True,
    )
    value_refreshed_on = fields.Date(
        string="Customer Values Refreshed On",
        readonly=True,
        copy=False,
        help="The day the recompute cron last queued all of the company's customers.",
    )
