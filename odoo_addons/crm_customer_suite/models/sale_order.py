from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The member level's discount crm_loyalty_program puts on the lines: shown in a discount
    # column of its own when Odoo's discount setting hides the usual one.
    loyalty_card_discount = fields.Float(
        string="Card Discount (%)", compute="_compute_loyalty_card_discount", digits="Discount"
    )

    @api.depends("partner_id", "company_id")
    def _compute_loyalty_card_discount(self):
        for order in self:
            order.loyalty_card_discount = order.partner_id._loyalty_card_discount(order.company_id)
