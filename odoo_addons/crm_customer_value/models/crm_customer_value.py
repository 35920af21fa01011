from odoo import api, fields, models


class CrmCustomerValue(models.Model):
    """What one customer is worth to one company: lifetime value, recency/frequency/spend
    and its tier in the pyramid. Written only by the set-based recompute
    (crm_customer_value_recompute.py); people read it."""

    _name = "crm.customer.value"
    _description = "Customer Value"
    _order = "clv_amount desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", related="partner_id.user_id", store=True, index=True
    )
    value_tier_id = fields.Many2one("crm.value.tier", string="Tier", index=True)
    tier_sequence = fields.Integer(related="value_tier_id.sequence")
    tier_since = fields.Datetime(string="In Tier Since")
    revenue = fields.Monetary(help="Posted customer invoices minus refunds, untaxed.")
    margin = fields.Monetary(help="Revenue minus product cost, or revenue times the margin rate.")
    clv_amount = fields.Monetary(string="Lifetime Value")
    first_invoice_date = fields.Date()
    last_invoice_date = fields.Date()
    recency_days = fields.Integer(string="Days Since Last Invoice")
    frequency = fields.Integer(string="Invoices in Window")
    monetary = fields.Monetary(string="Revenue in Window")
    recency_score = fields.Integer(aggregator="avg")
    frequency_score = fields.Integer(aggregator="avg")
    monetary_score = fields.Integer(string="Spend Score", aggregator="avg")
    rfm_code = fields.Char(string="RFM", compute="_compute_rfm_code")
    computed_at = fields.Datetime(string="Computed On")

    _sql_constraints = [
        (
            "partner_company_unique",
            "unique(partner_id, company_id)",
            "A customer has one value record per company.",
        ),
    ]

    @api.model
    def read_progress_bar(self, domain, group_by, progress_bar):
        """Kanban progress bars on a score (an integer): Odoo matches the bar's colour keys,
        strings, against the raw values, so every customer fell in grey "Other"."""
        field = self._fields.get(progress_bar.get("field"))
        if not field or field.type != "integer":
            return super().read_progress_bar(domain, group_by, progress_bar)
        by_int = {int(key): color for key, color in progress_bar["colors"].items()}
        counts = super().read_progress_bar(domain, group_by, {**progress_bar, "colors": by_int})
        return {
            group: {str(value): count for value, count in bars.items()}
            for group, bars in counts.items()
        }

    def _compute_rfm_code(self):
        for value in self:
            value.rfm_code = (
                f"{value.recency_score}{value.frequency_score}{value.monetary_score}"
                if value.recency_score
                else False
            )
