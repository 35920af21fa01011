from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestPurchasePromise(CustomerContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Office Chair", "list_price": 50})

    def _order(self, quantity, when):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.bahar.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": quantity})
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        return order

    @freeze_time("2030-02-15")
    def test_promised_against_bought(self):
        """What the customer bought within the promise's window counts; before it, or a
        quotation, does not; the promise is kept once the quantity is reached."""
        promise = (
            self.env["crm.purchase.promise"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.bahar.id,
                    "product_id": self.product.id,
                    "quantity": 10,
                    "date": date(2030, 2, 1),
                    "date_due": date(2030, 3, 31),
                }
            )
        )
        self.assertEqual(promise.author_id, self.salesman)
        self._order(5, datetime(2030, 1, 20))  # before the promise
        self._order(4, datetime(2030, 2, 10))
        self.env["sale.order"].create(
            {
                "partner_id": self.bahar.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 9})
                ],
            }
        )  # a quotation only
        promise.invalidate_recordset()
        self.assertEqual(promise.quantity_bought, 4)
        self.assertEqual(promise.state, "open")

        self._order(6, datetime(2030, 3, 31, 18, 0))
        promise.invalidate_recordset()
        self.assertEqual(promise.quantity_bought, 10)
        self.assertEqual(promise.state, "kept")

    @freeze_time("2030-05-01")
    def test_past_due_promise_not_kept(self):
        promise = self.env["crm.purchase.promise"].create(
            {
                "partner_id": self.bahar.id,
                "product_id": self.product.id,
                "quantity": 3,
                "date": date(2030, 2, 1),
                "date_due": date(2030, 3, 31),
            }
        )
        self._order(1, datetime(2030, 3, 1))
        self.assertEqual(promise.with_user(self.salesman).state, "broken")

    def test_wish_records_author_and_date(self):
        wish = (
            self.env["crm.customer.wish"]
            .with_user(self.salesman)
            .create({"partner_id": self.bahar.id, "kind": "need", "name": "Delivery on Saturdays"})
        )
        self.assertEqual(wish.author_id, self.salesman)
        self.assertTrue(wish.date)
        self.assertIn(wish, self.bahar.with_user(self.salesman).customer_wish_ids)

    def test_other_company_promises_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        promise = self.env["crm.purchase.promise"].create(
            {
                "partner_id": self.bahar.id,
                "product_id": self.product.id,
                "quantity": 1,
                "date_due": date(2040, 1, 1),
                "company_id": other_company.id,
            }
        )
        visible = self.env["crm.purchase.promise"].with_user(self.salesman).search([])
        self.assertNotIn(promise, visible)
