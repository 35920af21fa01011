from odoo import api, fields, models


class LoyaltyLevel(models.Model):
    """A member level inside a loyalty programme (silver, gold, platinum members...).

    A card reaches the highest level whose points it has earned in total, or whose value
    tiers include its customer's tier; the level gives a discount on every purchase and
    multiplies the points the card earns."""

    _name = "loyalty.level"
    _description = "Loyalty Programme Level"
    _order = "program_id, sequence, min_points, id"

    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Lower levels first.")
    min_points = fields.Float(
        string="Points Earned to Reach",
        help="Points the card has earned over its whole life (spent or not) to reach it.",
    )
    value_tier_ids = fields.Many2many(
        "crm.value.tier",
        string="Or Customer Tiers",
        help="Customers of these value tiers reach the level whatever their points.",
    )
    discount = fields.Float(
        string="Card Discount (%)", help="Discount on every sale order line of the member."
    )
    points_multiplier = fields.Float(
        default=1.0, help="Points the member earns are multiplied by this (1.5 = 50 % more)."
    )
    discount_label = fields.Char(
        compute="_compute_discount_label", help="The discount as printed: 5%, 2.5%."
    )
    benefits = fields.Text(translate=True, help="What to tell the member about this level.")
    color = fields.Integer()

    @api.depends("discount")
    def _compute_discount_label(self):
        for level in self:
            level.discount_label = f"{level.discount:g}%"

    _sql_constraints = [
        ("discount_range", "CHECK(discount >= 0 AND discount <= 100)", "A discount is 0-100 %."),
        ("multiplier_positive", "CHECK(points_multiplier > 0)", "The multiplier must be positive."),
    ]
