from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_customer_value.tests.common import CustomerValueCase

from .histories import purchase_histories

RIALS_PER_DOLLAR = 42_000
CUSTOMERS = 80
DOLLARS_PER_UNIT = 10_000


@tagged("post_install", "-at_install")
class TestRialCompany(CustomerValueCase):
    """Issue 30: a company that counts in rials got no prediction at all (the spend model
    refused numbers 42,000 times a dollar company's) and nearly every customer was
    Platinum (shared tiers read in rials). The same customers with the same history, in
    a company in dollars and one in rials: values, tiers and predictions agree, the
    rial figures the dollar ones times the rate; the rial company's sales pass 10^12."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rial_company = cls.setup_rial_company(
            "Isfahan Rial Co", RIALS_PER_DOLLAR, rate_since=cls.today - timedelta(days=800)
        )
        cls.company.write({"value_tier_method": "threshold"})
        dollar = cls.company.currency_id
        minimums = {"platinum": 3_000_000, "gold": 1_000_000, "silver": 300_000, "bronze": 100_000}
        for code, tier in cls.tiers.items():
            tier.write(
                {"min_lifetime_value": minimums.get(code, 0), "amount_currency_id": dollar.id}
            )
        histories = purchase_histories(CUSTOMERS, unit=DOLLARS_PER_UNIT)
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"Customer {number:02d}"} for number in range(len(histories))]
        )
        for company, factor in ((cls.company, 1), (cls.rial_company, RIALS_PER_DOLLAR)):
            cls.env["account.move"].with_company(company).create(
                [
                    cls._invoice_values(company, partner, days_ago, dollars * factor)
                    for partner, history in zip(cls.customers, histories, strict=True)
                    for days_ago, dollars in history
                ]
            ).action_post()

    @classmethod
    def _invoice_values(cls, company, partner, days_ago, amount):
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": cls.today - timedelta(days=days_ago),
            "currency_id": company.currency_id.id,
            "invoice_line_ids": [
                Command.create({"name": "line", "price_unit": amount, "tax_ids": [Command.clear()]})
            ],
        }

    def _values(self, company):
        values = self.env["crm.customer.value"].search(
            [("partner_id", "in", self.customers.ids), ("company_id", "=", company.id)]
        )
        return {value.partner_id: value for value in values}

    def assertTimesTheRate(self, rials, dollars, relative=1e-6):
        """Equal up to the model's precision and each currency's rounding (a cent, a rial)."""
        allowed = abs(dollars) * RIALS_PER_DOLLAR * relative + 0.005 * RIALS_PER_DOLLAR + 0.5
        self.assertAlmostEqual(rials, dollars * RIALS_PER_DOLLAR, delta=allowed)

    def test_values_tiers_and_predictions_equal_the_dollar_company_times_the_rate(self):
        self.recompute()
        self.recompute(self.rial_company)
        self.assertEqual(
            self.company.value_prediction_state, "fitted", self.company.value_prediction_message
        )
        self.assertEqual(
            self.rial_company.value_prediction_state,
            "fitted",
            self.rial_company.value_prediction_message,
        )
        dollars, rials = self._values(self.company), self._values(self.rial_company)
        self.assertEqual(len(rials), len(self.customers))
        for partner in self.customers:
            with self.subTest(customer=partner.name):
                usd, irr = dollars[partner], rials[partner]
                for field_name in ("revenue", "clv_amount", "monetary"):
                    self.assertTimesTheRate(irr[field_name], usd[field_name])
                for field_name in ("expected_order_value", "predicted_clv"):
                    self.assertTimesTheRate(irr[field_name], usd[field_name], relative=1e-5)
                for field_name in ("alive_probability", "expected_purchases_12m"):
                    self.assertAlmostEqual(irr[field_name], usd[field_name], delta=1e-5)
                self.assertEqual(irr.value_tier_id, usd.value_tier_id)
                self.assertEqual(irr.alive_status, usd.alive_status)
                self.assertEqual(irr.valuable_at_risk, usd.valuable_at_risk)
        self.assertGreater(sum(rials[partner].revenue for partner in self.customers), 10**12)
        tiers = {value.value_tier_id.code for value in rials.values()}
        self.assertGreater(len(tiers), 2, "a pyramid, not everyone at the top")
