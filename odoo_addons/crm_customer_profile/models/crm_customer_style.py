from odoo import fields, models


class CrmCustomerStyle(models.Model):
    """A behavioural style of customer (seed 000) and the way a seller should handle it."""

    _name = "crm.customer.style"
    _inherit = "crm.profile.catalogue"
    _description = "Customer Behavioural Style"

    advice = fields.Text(help="The one-line rule the seller follows with a customer of this style.")
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("customer_style_id", "in", self.ids)], ["customer_style_id"], ["__count"]
            )
        )
        for style in self:
            style.partner_count = counts.get(style, 0)
