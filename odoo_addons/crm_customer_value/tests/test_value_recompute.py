from datetime import timedelta

from odoo.tests import tagged

from .common import CustomerValueCase

# 50 % margin over a year or less, 3 years at 10 %: m/1.1 + m/1.21 + m/1.331 = 2.486852 m
PV_3Y_10PCT = 1 / 1.1 + 1 / 1.21 + 1 / 1.331


@tagged("post_install", "-at_install")
class TestValueRecompute(CustomerValueCase):
    def test_invoices_minus_refunds(self):
        """Revenue nets refunds; recency and frequency count invoices only."""
        customer = self.new_customer("Netted")
        self.invoice(customer, 1000, days_ago=100)
        self.invoice(customer, 2000, days_ago=30)
        self.invoice(customer, 500, days_ago=10, move_type="out_refund")
        self.recompute()
        value = self.value_of(customer)
        self.assertRecordValues(
            value,
            [
                {
                    "revenue": 2500.0,
                    "margin": 1250.0,
                    "recency_days": 30,
                    "frequency": 2,
                    "monetary": 2500.0,
                    "first_invoice_date": self.today - timedelta(days=100),
                }
            ],
        )
        self.assertAlmostEqual(value.clv_amount, 3108.56, places=2)  # 1250 x 2.486852

    def test_foreign_currency_counts_in_company_currency(self):
        """An invoice of 1000 in a currency at 2 per company unit is worth 500."""
        other = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        customer = self.new_customer("Abroad")
        self.invoice(customer, 1000, currency=other)
        self.invoice(customer, 100)
        self.recompute()
        self.assertAlmostEqual(self.value_of(customer).revenue, 600.0)

    def test_margin_from_product_cost(self):
        """product_a costs 800: two sold at 1000 leave 400; one at 500 loses 300."""
        self.company.value_margin_source = "cost"
        winner, loser = self.new_customer("Winner"), self.new_customer("Loser")
        self.invoice(winner, 1000, product=self.product_a, quantity=2)
        self.invoice(loser, 500, product=self.product_a)
        self.recompute()
        self.assertAlmostEqual(self.value_of(winner).margin, 400.0)
        self.assertAlmostEqual(self.value_of(loser).margin, -300.0)
        self.assertAlmostEqual(self.value_of(loser).clv_amount, round(-300 * PV_3Y_10PCT, 2))
        # a refund of a costed product gives the cost back
        self.invoice(winner, 1000, product=self.product_a, move_type="out_refund")
        self.recompute()
        self.assertAlmostEqual(self.value_of(winner).margin, 200.0)

    def test_customer_without_revenue_costs_its_upkeep(self):
        self.company.value_yearly_retention_cost = 100.0
        idle = self.new_customer("Idle", customer_rank=1)
        self.recompute()
        value = self.value_of(idle)
        self.assertAlmostEqual(value.clv_amount, -248.69, places=2)
        self.assertFalse(value.recency_days)
        self.assertEqual(value.recency_score, 1)

    def test_tier_cost_overrides_company_cost(self):
        self.company.value_yearly_retention_cost = 100.0
        self.tiers["platinum"].yearly_retention_cost = 10.0
        idle = self.new_customer("Idle", customer_rank=1)
        self.recompute()  # first run: no tier yet, the company's cost applies
        self.assertAlmostEqual(self.value_of(idle).clv_amount, -248.69, places=2)
        # the only customer is the top of its pyramid
        self.assertEqual(self.value_of(idle).value_tier_id, self.tiers["platinum"])
        self.recompute()  # then the cost of its tier
        self.assertAlmostEqual(self.value_of(idle).clv_amount, round(-10 * PV_3Y_10PCT, 2))

    def test_quintile_ties_share_a_score(self):
        """Ten customers: five bought once, five bought three times; equal frequencies get
        equal scores and the ranking is the same on every run."""
        once = [self.new_customer(f"Once {i}") for i in range(5)]
        thrice = [self.new_customer(f"Thrice {i}") for i in range(5)]
        for customer in once:
            self.invoice(customer, 100)
        for customer in thrice:
            for days in (1, 2, 3):
                self.invoice(customer, 100, days_ago=days)
        self.recompute()
        scores_once = {self.value_of(c).frequency_score for c in once}
        scores_thrice = {self.value_of(c).frequency_score for c in thrice}
        self.assertEqual(scores_once, {1})
        self.assertEqual(scores_thrice, {3})  # rank 6 of 10: 1 + 5 * 5 // 10
        first = [(self.value_of(c).value_tier_id.id, self.value_of(c).monetary_score) for c in once]
        self.recompute()
        again = [(self.value_of(c).value_tier_id.id, self.value_of(c).monetary_score) for c in once]
        self.assertEqual(first, again)

    def test_posting_an_invoice_recomputes_only_its_customer(self):
        """Posting queues its customer; the cron then recomputes just the customers
        concerned (the others keep their values, only the ranking covers them)."""
        steady, buyer = self.new_customer("Steady"), self.new_customer("Buyer")
        self.invoice(steady, 100)
        self.invoice(buyer, 100)
        self.recompute()
        self.env.cr.execute(
            "UPDATE crm_customer_value SET computed_at = '2000-01-01' WHERE partner_id = %s",
            [steady.id],
        )
        self.env.invalidate_all()
        self.invoice(buyer, 5000)
        self.assertAlmostEqual(self.value_of(buyer).revenue, 100.0, msg="posting only queues")
        self.run_value_cron()
        self.assertAlmostEqual(self.value_of(buyer).revenue, 5100.0)
        self.assertEqual(str(self.value_of(steady).computed_at.date()), "2000-01-01")
        # resetting to draft takes the invoice out again
        invoice = self.invoice(buyer, 900)
        invoice.button_draft()
        self.run_value_cron()
        self.assertAlmostEqual(self.value_of(buyer).revenue, 5100.0)

    def test_other_company_invoices_stay_there(self):
        """Values are per company: company 2's invoices never count for company 1."""
        company_2 = self.setup_other_company(name="Value Co 2")["company"]
        customer = self.new_customer("Both")
        self.invoice(customer, 1000)
        self.invoice(customer, 7000, company=company_2)
        self.recompute()
        self.recompute(company_2)
        self.assertAlmostEqual(self.value_of(customer).revenue, 1000.0)
        self.assertAlmostEqual(self.value_of(customer, company_2).revenue, 7000.0)
        partner = customer.with_company(company_2).with_context(allowed_company_ids=company_2.ids)
        self.assertAlmostEqual(partner.value_revenue, 7000.0)
