from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    level_ids = fields.One2many("loyalty.level", "program_id", string="Member Levels")
    is_key_customer_card = fields.Boolean(
        string="Key-Customer Card",
        help="Members get a printable card, and their level's discount on every order.",
    )
    points_validity_months = fields.Integer(
        string="Points Expire After (Months)",
        help="Points not used this many months after they were earned expire, oldest "
        "first. 0: points never expire.",
    )
    expiry_warning_days = fields.Integer(
        string="Warn Customers (Days Before)",
        default=30,
        help="Customers whose points will expire within this many days get an email.",
    )
    level_nudge_points = fields.Float(
        string="Mention Next Level Within (Points)",
        default=50,
        help="Salespeople are told to mention the next level when the card is this close.",
    )

    def _get_valid_products(self, products):
        """Rules whose tenure, cash or N-th order condition the order misses match nothing,
        so Odoo's own point computation gives them no points."""
        rule_products = super()._get_valid_products(products)
        excluded = set(self.env.context.get("loyalty_excluded_rule_ids") or ())
        return {rule: found for rule, found in rule_products.items() if rule.id not in excluded}
