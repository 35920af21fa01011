from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.next.contact.mixin"]

    customer_wish_ids = fields.One2many(
        "crm.customer.wish",
        "partner_id",
        string="What the Customer Told Us",
        groups="sales_team.group_sale_salesman",
    )
    purchase_promise_ids = fields.One2many(
        "crm.purchase.promise",
        "partner_id",
        string="Purchase Promises",
        groups="sales_team.group_sale_salesman",
    )
