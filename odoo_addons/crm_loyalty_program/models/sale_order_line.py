from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.partner_id")
    def _compute_discount(self):
        """A key-customer card gives its level's discount on every line, unless the line
        already has a larger one."""
        result = super()._compute_discount()
        for line in self:
            if line.display_type or line.is_reward_line or not line.product_id:
                continue
            card_discount = line.order_id.partner_id._loyalty_card_discount(
                line.order_id.company_id
            )
            if card_discount > line.discount:
                line.discount = card_discount
        return result
