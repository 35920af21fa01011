from odoo import fields, models


class CrmValueTierHistory(models.Model):
    """Each move of a customer from one tier of the pyramid to another."""

    _name = "crm.value.tier.history"
    _description = "Customer Tier History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    old_tier_id = fields.Many2one("crm.value.tier", string="From Tier", ondelete="set null")
    new_tier_id = fields.Many2one("crm.value.tier", string="To Tier", ondelete="set null")
    clv_amount = fields.Monetary(string="Lifetime Value")
    direction = fields.Selection(
        [("new", "First Tier"), ("up", "Up"), ("down", "Down")], required=True, default="new"
    )
