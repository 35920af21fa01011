"""Purchase promises (seed 004): what the customer said they would buy, how much and by
when, against what they bought since, from confirmed sale order lines."""

from odoo import api, fields, models


class CrmPurchasePromise(models.Model):
    _name = "crm.purchase.promise"
    _description = "Purchase Promise"
    _order = "date_due, id"
    _rec_name = "product_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    product_id = fields.Many2one("product.product", string="What", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(
        string="Promised", required=True, default=1.0, digits="Product Unit of Measure"
    )
    date = fields.Date(string="Promised On", required=True, default=fields.Date.context_today)
    date_due = fields.Date(string="By", required=True)
    note = fields.Text()
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
    author_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    quantity_bought = fields.Float(
        string="Bought", compute="_compute_quantity_bought", digits="Product Unit of Measure"
    )
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("broken", "Not Kept")],
        compute="_compute_quantity_bought",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A promise is for a positive quantity."),
        ("dates_ordered", "CHECK(date_due >= date)", "A promise falls due after it is made."),
    ]

    @api.depends("partner_id", "product_id", "date", "date_due", "quantity")
    def _compute_quantity_bought(self):
        bought = self._bought_quantities()
        today = fields.Date.context_today(self)
        for promise in self:
            promise.quantity_bought = bought.get(promise._origin.id or promise.id, 0.0)
            if promise.quantity_bought >= promise.quantity:
                promise.state = "kept"
            elif promise.date_due and promise.date_due < today:
                promise.state = "broken"
            else:
                promise.state = "open"

    def _bought_quantities(self):
        """{promise id: quantity ordered} from confirmed orders of the customer's company
        between the promise and its due date, in one grouped read per distinct window."""
        result = {}
        promises = self.filtered(lambda p: p.partner_id and p.product_id and p.date and p.date_due)
        lines = self.env["sale.order.line"].sudo()
        for (start, end), group in promises.grouped(lambda p: (p.date, p.date_due)).items():
            rows = lines._read_group(
                [
                    ("state", "=", "sale"),
                    (
                        "order_partner_id.commercial_partner_id",
                        "in",
                        group.commercial_partner_id.ids,
                    ),
                    ("product_id", "in", group.product_id.ids),
                    ("order_id.date_order", ">=", start),
                    ("order_id.date_order", "<", fields.Date.add(end, days=1)),
                ],
                ["order_partner_id", "product_id"],
                ["product_uom_qty:sum"],
            )
            totals = {}
            for partner, product, quantity in rows:
                key = (partner.commercial_partner_id.id, product.id)
                totals[key] = totals.get(key, 0.0) + quantity
            for promise in group:
                key = (promise.commercial_partner_id.id, promise.product_id.id)
                result[promise._origin.id or promise.id] = totals.get(key, 0.0)
        return result
