from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.partner_id")
    def _compute_discount(self):
        """A key-customer card gives its level's discount on every line, unless the line
        already has a larger one. The card is looked up once per order, not per line."""
        result = super()._compute_discount()
        for order, lines in self.grouped("order_id").items():
            card_discount = order.partner_id._loyalty_card_discount(order.company_id)
            if not card_discount:
                continue
            for line in lines:
                if line.display_type or line.is_reward_line or not line.product_id:
                    continue
                if card_discount > line.discount:
                    line.discount = card_discount
        return result
