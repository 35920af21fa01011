from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestPromisedAgainstBoughtReport(CustomerContactCase):
    """The report sums promised and bought quantities by salesperson, customer, product and
    month, for a manager and for a salesperson. Dates are relative to today: the report
    decides 'not kept' in SQL, on the database's date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair, cls.desk = cls.env["product.product"].create(
            [{"name": "Office Chair", "list_price": 50}, {"name": "Desk", "list_price": 200}]
        )
        cls.bahar.user_id = cls.salesman
        cls.kaveh.user_id = cls.manager
        today = fields.Date.today()
        cls.env["crm.purchase.promise"].create(
            [
                {
                    "partner_id": cls.bahar.id,
                    "product_id": cls.chair.id,
                    "quantity": 10,
                    "date": today - timedelta(days=10),
                    "date_due": today + timedelta(days=30),
                },
                {
                    "partner_id": cls.bahar.id,
                    "product_id": cls.desk.id,
                    "quantity": 1,
                    "date": today - timedelta(days=10),
                    "date_due": today + timedelta(days=30),
                },
                {
                    "partner_id": cls.kaveh.id,
                    "product_id": cls.chair.id,
                    "quantity": 2,
                    "date": today - timedelta(days=90),
                    "date_due": today - timedelta(days=30),
                },
            ]
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.bahar.id,
                "order_line": [
                    Command.create({"product_id": cls.chair.id, "product_uom_qty": 4}),
                    Command.create({"product_id": cls.desk.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=5)

    def _slice(self, user, groupby):
        report = self.env["crm.purchase.promise.report"].with_user(user)
        domain = [("partner_id", "in", (self.bahar | self.kaveh).ids)]
        return report._read_group(
            domain, groupby, ["quantity:sum", "quantity_bought:sum", "broken_count:sum"]
        )

    def test_manager_slices_by_salesperson_and_product(self):
        rows = {
            (user.id, product.id): rest
            for user, product, *rest in self._slice(self.manager, ["user_id", "product_id"])
        }
        self.assertEqual(rows[self.salesman.id, self.chair.id], [10, 4, 0])
        self.assertEqual(rows[self.salesman.id, self.desk.id], [1, 1, 0])
        self.assertEqual(rows[self.manager.id, self.chair.id], [2, 0, 1])

    def test_salesperson_slices_by_customer_and_month(self):
        rows = self._slice(self.salesman, ["commercial_partner_id", "date_due:month"])
        totals = {(partner.id, month): rest for partner, month, *rest in rows}
        due_month = (fields.Date.today() + timedelta(days=30)).replace(day=1)
        self.assertEqual(totals[self.bahar.id, due_month], [11, 5, 0])
        self.assertEqual(len(rows), 2)

    def test_report_agrees_with_the_promise(self):
        report = self.env["crm.purchase.promise.report"].search(
            [("partner_id", "in", (self.bahar | self.kaveh).ids)]
        )
        for row in report:
            self.assertEqual(row.quantity_bought, row.promise_id.quantity_bought)
            self.assertEqual(row.state, row.promise_id.state)
