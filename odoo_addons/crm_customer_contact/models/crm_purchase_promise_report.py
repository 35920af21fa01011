"""Promised against Bought as a report a manager slices by customer, product, month and
salesperson (pivot and graph): one row per promise, with what the customer's company
ordered between the promise and its due date, read in SQL so that it can be summed."""

from odoo import fields, models, tools
from odoo.tools import SQL


class CrmPurchasePromiseReport(models.Model):
    _name = "crm.purchase.promise.report"
    _description = "Promised against Bought"
    _auto = False
    _order = "date_due desc, id desc"
    _rec_name = "product_id"

    promise_id = fields.Many2one("crm.purchase.promise", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    commercial_partner_id = fields.Many2one("res.partner", string="Customer Company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    author_id = fields.Many2one("res.users", string="Recorded by", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Promised On", readonly=True)
    date_due = fields.Date(string="Due", readonly=True)
    quantity = fields.Float(string="Promised", readonly=True, digits="Product Unit of Measure")
    quantity_bought = fields.Float(string="Bought", readonly=True, digits="Product Unit of Measure")
    quantity_missing = fields.Float(
        string="Still to Buy", readonly=True, digits="Product Unit of Measure"
    )
    kept_count = fields.Integer(string="Kept", readonly=True)
    broken_count = fields.Integer(string="Not Kept", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("broken", "Not Kept")], readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def _query(self):
        # Bought: confirmed order lines of the promise's product for the customer's company,
        # ordered between the day of the promise and the end of its due day (as the promise
        # form counts them). The salesperson is the customer's, else the customer company's,
        # else whoever recorded the promise (the one who talked to the customer).
        return SQL(
            """
            SELECT pr.id, pr.id AS promise_id, pr.partner_id, pr.commercial_partner_id,
                   pr.product_id, pt.uom_id,
                   COALESCE(p.user_id, cp.user_id, pr.author_id) AS user_id,
                   pr.author_id, pr.company_id, pr.date, pr.date_due, pr.quantity,
                   bought.quantity AS quantity_bought,
                   GREATEST(pr.quantity - bought.quantity, 0) AS quantity_missing,
                   (bought.quantity >= pr.quantity)::int AS kept_count,
                   (bought.quantity < pr.quantity AND pr.date_due < CURRENT_DATE)::int
                       AS broken_count,
                   CASE WHEN bought.quantity >= pr.quantity THEN 'kept'
                        WHEN pr.date_due < CURRENT_DATE THEN 'broken'
                        ELSE 'open' END AS state
              FROM crm_purchase_promise pr
              JOIN res_partner p ON p.id = pr.partner_id
              JOIN res_partner cp ON cp.id = pr.commercial_partner_id
              JOIN product_product pp ON pp.id = pr.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              CROSS JOIN LATERAL (
                  SELECT COALESCE(SUM(sol.product_uom_qty), 0) AS quantity
                    FROM sale_order_line sol
                    JOIN sale_order so ON so.id = sol.order_id
                    JOIN res_partner buyer ON buyer.id = so.partner_id
                   WHERE so.state = 'sale'
                     AND sol.product_id = pr.product_id
                     AND buyer.commercial_partner_id = pr.commercial_partner_id
                     AND so.date_order >= pr.date
                     AND so.date_order < pr.date_due + 1
              ) AS bought
            """
        )
