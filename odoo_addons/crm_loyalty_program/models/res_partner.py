from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Loyalty cards are for sales staff (Odoo's loyalty ACLs): so are these fields.
    loyalty_card_ids = fields.One2many(
        "loyalty.card",
        "partner_id",
        string="Loyalty Cards",
        groups="sales_team.group_sale_salesman",
    )
    loyalty_mention = fields.Char(
        string="Loyalty: Tell the Customer",
        compute="_compute_loyalty_mention",
        groups="sales_team.group_sale_salesman",
    )

    @api.depends("loyalty_card_ids.to_mention", "child_ids.loyalty_card_ids.to_mention")
    def _compute_loyalty_mention(self):
        for partner in self:
            cards = (partner | partner.child_ids).loyalty_card_ids.filtered("to_mention")
            partner.loyalty_mention = (
                " | ".join(f"{card.program_id.name}: {card.mention_text}" for card in cards)
                or False
            )

    def _loyalty_card_discount(self, company):
        """The best level discount among the customer's key-customer cards in `company`."""
        if not self:
            return 0.0
        partners = self.commercial_partner_id | self
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("program_id.is_key_customer_card", "=", True),
                    ("program_id.company_id", "in", [company.id, False]),
                    ("level_id", "!=", False),
                ]
            )
        )
        return max(cards.level_id.mapped("discount"), default=0.0)
