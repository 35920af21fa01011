from odoo import fields, models


class CrmCustomerStyle(models.Model):
    """A behavioural style of customer (seed 000) and the way a seller should handle it."""

    _name = "crm.customer.style"
    _description = "Customer Behavioural Style"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by imports and integrations.")
    advice = fields.Text(
        string="How to treat",
        required=True,
        translate=True,
        help="The one-line rule the seller follows with a customer of this style.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another behavioural style already has this code."),
    ]

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("customer_style_id", "in", self.ids)], ["customer_style_id"], ["__count"]
            )
        )
        for style in self:
            style.partner_count = counts.get(style, 0)
