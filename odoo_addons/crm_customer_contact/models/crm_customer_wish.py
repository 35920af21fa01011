from odoo import fields, models


class CrmCustomerWish(models.Model):
    """Something the customer told us (seed 004): a preference, a need, a wish or a
    priority, with when and by whom it was recorded."""

    _name = "crm.customer.wish"
    _description = "What the Customer Told Us"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [
            ("preference", "Preference"),
            ("need", "Need"),
            ("wish", "Wish"),
            ("priority", "Priority"),
        ],
        required=True,
        default="preference",
    )
    name = fields.Char(string="What", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True, help="Archive what no longer holds.")
    # Set when the customer's profile is reviewed (seed 002: keep the data current).
    confirmed_on = fields.Date(
        string="Last Confirmed",
        default=fields.Date.context_today,
        copy=False,
        help="When this was last found true: its recording, or the last review of the "
        "customer's profile.",
    )
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed by", default=lambda self: self.env.user, copy=False
    )
