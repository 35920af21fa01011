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


@tagged("post_install", "-at_install")
class TestSharedTiersInEveryCurrency(CustomerValueCase):
    """Issue 30: shared tiers read their thresholds in the user's company currency, so
    "Platinum from 100,000" meant 100,000 dollars in a US company and 100,000 rials
    (about two dollars) in an Iranian one: nearly every rial customer was Platinum. A
    shared tier states its currency; each company ranks with its amounts converted at
    its rate of the day."""

    RIALS_PER_DOLLAR = 42_000

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rial_company = cls.setup_rial_company(
            "Tabriz Rial Co", cls.RIALS_PER_DOLLAR, rate_since=cls.today
        )
        cls.company.value_tier_method = "threshold"
        dollar = cls.company.currency_id
        for code, minimum in {"gold": 5000, "silver": 2000, "bronze": 1000}.items():
            cls.tiers[code].min_lifetime_value = minimum
        cls.tiers["platinum"].min_lifetime_value = 50_000
        (cls.tiers["platinum"] | cls.tiers["gold"] | cls.tiers["silver"]).write(
            {"amount_currency_id": dollar.id}
        )
        (cls.tiers["bronze"] | cls.tiers["lead"]).write({"amount_currency_id": dollar.id})

    def test_a_rial_customer_reaches_the_tier_of_the_same_worth_in_dollars(self):
        dollar_customer = self.new_customer("Dollar Customer")
        rial_customer = self.new_customer("Rial Customer")
        self.invoice(dollar_customer, 5000)  # CLV 6,217 dollars: gold
        self.invoice(rial_customer, 5000 * self.RIALS_PER_DOLLAR, company=self.rial_company)
        self.recompute()
        self.recompute(self.rial_company)
        self.assertEqual(self.value_of(dollar_customer).value_tier_id, self.tiers["gold"])
        rial_value = self.value_of(rial_customer, self.rial_company)
        self.assertGreater(rial_value.clv_amount, 10**8)
        self.assertEqual(rial_value.value_tier_id, self.tiers["gold"])

    def test_a_shared_tier_shows_its_amounts_in_its_own_currency(self):
        tier = self.tiers["gold"].with_company(self.rial_company)
        self.assertEqual(tier.currency_id, self.company.currency_id)
        own = self.env["crm.value.tier"].create(
            {"name": "Rial gold", "code": "rgold", "company_id": self.rial_company.id}
        )
        self.assertEqual(own.currency_id, self.rial_company.currency_id)
