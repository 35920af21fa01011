from odoo.tests import tagged

from .common import CustomerValueCase


@tagged("post_install", "-at_install")
class TestValueTiers(CustomerValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = [cls.new_customer(f"Customer {i:02d}") for i in range(10)]

    def _spend(self):
        """Customer i spends (i + 1) * 1000, so customer 9 is worth the most."""
        for index, customer in enumerate(self.customers):
            self.invoice(customer, (index + 1) * 1000)

    def _tier_codes(self):
        return [self.value_of(customer).value_tier_id.code for customer in self.customers]

    def test_share_of_customers(self):
        """2/8/20/30/40 % of 10 customers: 1 platinum, 1 gold, 1 silver, 3 bronze, 4 lead."""
        self._spend()
        self.recompute()
        self.assertEqual(
            self._tier_codes(),
            ["lead"] * 4 + ["bronze"] * 3 + ["silver", "gold", "platinum"],
        )

    def test_absolute_thresholds(self):
        self.company.value_tier_method = "threshold"
        thresholds = {"platinum": 20000, "gold": 10000, "silver": 5000, "bronze": 2000}
        for code, minimum in thresholds.items():
            self.tiers[code].min_lifetime_value = minimum
        self._spend()
        self.recompute()
        # CLV = 50 % margin x 2.486852: customer i is worth (i + 1) * 1243.43
        self.assertEqual(
            self._tier_codes(),
            ["lead", *["bronze"] * 3, *["silver"] * 4, "gold", "gold"],
        )

    def test_company_tiers_replace_the_shared_ones(self):
        own = self.env["crm.value.tier"].create(
            {
                "name": "Everyone",
                "code": "all",
                "customer_share": 100,
                "company_id": self.company.id,
            }
        )
        self._spend()
        self.recompute()
        self.assertEqual({self.value_of(c).value_tier_id for c in self.customers}, {own})

    def test_tier_moves_are_logged_and_a_drop_gives_an_activity(self):
        self.company.value_tier_method = "threshold"
        self.tiers["gold"].min_lifetime_value = 5000
        self.tiers["silver"].min_lifetime_value = 2000
        customer = self.new_customer("Mover", user_id=self.salesman.id)
        self.invoice(customer, 5000)  # CLV 6217
        self.run_value_cron()
        self.assertEqual(self.value_of(customer).value_tier_id, self.tiers["gold"])
        self.assertEqual(customer.value_tier_history_ids.direction, "new")
        self.invoice(customer, 3000, move_type="out_refund")  # 2000 left: CLV 2486
        self.run_value_cron()
        value = self.value_of(customer)
        self.assertEqual(value.value_tier_id, self.tiers["silver"])
        history = customer.value_tier_history_ids.sorted("id")
        self.assertEqual(history.mapped("direction"), ["new", "down"])
        self.assertIn("Gold → Silver", customer.message_ids[0].body)
        activity = customer.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("crm_customer_value.mail_activity_type_tier_drop")
            )
        )
        self.assertEqual(activity.user_id, self.salesman)

    def test_shares_cannot_exceed_everyone(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.tiers["gold"].customer_share = 90

    def test_kanban_progress_bars_count_the_recency_scores(self):
        """Regression: the tier kanban's recency bars were grey ("Other") for every
        customer, the colour keys being strings and the scores integers."""
        customer = self.new_customer("Recent buyer", user_id=self.salesman.id)
        self.invoice(customer, 5000)
        self.run_value_cron()
        value = self.value_of(customer)
        self.assertTrue(value.recency_score)
        colors = {"5": "success", "4": "success", "3": "warning", "2": "danger", "1": "danger"}
        bars = self.env["crm.customer.value"].read_progress_bar(
            [("id", "=", value.id)], "value_tier_id", {"field": "recency_score", "colors": colors}
        )
        (tier_bars,) = bars.values()
        self.assertEqual(tier_bars[str(value.recency_score)], 1)
        self.assertEqual(sum(tier_bars.values()), 1)
