from odoo.tests import tagged

from .common import LoyaltyFlowCase


@tagged("post_install", "-at_install")
class TestRewardConditions(LoyaltyFlowCase):
    def test_every_nth_order(self):
        """The car wash: only the customer's 3rd, 6th... order earns the free item."""
        program = self.promotion(
            {"every_nth_order": 3, "product_ids": [(6, 0, self.item.ids)]},
            {"reward_type": "product", "reward_product_id": self.item.id, "reward_product_qty": 1},
        )
        earned = [self.claim_and_confirm(self.order(), program) for _ in range(7)]
        self.assertEqual(earned, [False, False, True, False, False, True, False])
        free_line = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("order_line.reward_id", "!=", False)]
        )
        self.assertEqual(len(free_line), 2)

    def test_relationship_length(self):
        """Customers for at least 12 months earn; 11 months is not enough."""
        program = self.promotion({"min_tenure_months": 12})
        self.assertFalse(self.rewards_on(self.order(), program), "a new customer")
        self.confirmed_order_months_ago(11)
        self.assertFalse(self.rewards_on(self.order(), program), "11 months")
        self.confirmed_order_months_ago(13)
        self.assertTrue(self.rewards_on(self.order(), program), "13 months")

    def test_tenure_counts_the_company_not_the_contact(self):
        """An order of a colleague at the same company counts for the relationship."""
        company = self.env["res.partner"].create({"name": "Old Client Co", "is_company": True})
        veteran = self.env["res.partner"].create({"name": "Veteran", "parent_id": company.id})
        newcomer = self.env["res.partner"].create({"name": "Newcomer", "parent_id": company.id})
        program = self.promotion({"min_tenure_months": 12})
        self.confirmed_order_months_ago(24, partner=veteran)
        self.assertTrue(self.rewards_on(self.order(partner=newcomer), program))

    def test_cash_payment(self):
        """Cash = an immediate payment term (configurable) or no term at all."""
        program = self.promotion({"cash_payment_only": True})
        self.assertTrue(self.rewards_on(self.order(payment_term=self.immediate), program))
        self.assertTrue(self.rewards_on(self.order(), program))
        self.assertFalse(self.rewards_on(self.order(payment_term=self.thirty_days), program))
        program.rule_ids.cash_payment_term_ids |= self.thirty_days
        self.assertTrue(self.rewards_on(self.order(payment_term=self.thirty_days), program))

    def test_large_orders_by_value_and_quantity(self):
        """Odoo's own minimum amount and quantity, at their boundaries."""
        by_value = self.promotion({"minimum_amount": 1000})
        by_quantity = self.promotion({"minimum_qty": 10, "product_ids": [(6, 0, self.item.ids)]})
        self.assertTrue(self.rewards_on(self.order(quantity=10, price=100), by_value))
        self.assertFalse(self.rewards_on(self.order(quantity=1, price=999.99), by_value))
        self.assertTrue(self.rewards_on(self.order(quantity=10, price=1), by_quantity))
        self.assertFalse(self.rewards_on(self.order(quantity=9, price=1), by_quantity))

    def test_conditions_combine(self):
        program = self.promotion({"cash_payment_only": True, "min_tenure_months": 6})
        self.confirmed_order_months_ago(7)
        self.assertFalse(self.rewards_on(self.order(payment_term=self.thirty_days), program))
        self.assertTrue(self.rewards_on(self.order(payment_term=self.immediate), program))
