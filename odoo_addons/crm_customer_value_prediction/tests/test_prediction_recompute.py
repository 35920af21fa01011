from datetime import timedelta
from unittest.mock import patch

import numpy as np

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from odoo.addons.crm_customer_profile.tests.common import run_batched_cron
from odoo.addons.crm_customer_value.tests.common import CustomerValueCase
from odoo.addons.mail.tests.common import mail_new_test_user

from .. import post_init_hook
from ..models import prediction_activity
from ..models.prediction_storage import clear_predictions

AT_RISK_CRON = "crm_customer_value_prediction.ir_cron_value_at_risk_activities"
AT_RISK_TYPE = "crm_customer_value_prediction.mail_activity_type_value_at_risk"


class PredictionCase(CustomerValueCase):
    """Customers with real posted invoices: steady buyers, big buyers who went quiet a few
    months ago, customers gone for a long time and one-time buyers. They differ in how
    long they stayed (a few purchases for the quiet and the gone, many for the steady):
    alike, they would put the likelihood on a ridge and no fit would be honest."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_salesman = mail_new_test_user(
            cls.env,
            login="value_salesman_2",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.internal_user = mail_new_test_user(
            cls.env,
            login="value_plain_user",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.steady = cls._customers("Steady", 12, every=30, first=330, last=10, amount=100)
        cls.quiet = cls._customers("Quiet", 6, every=15, first=180, last=120, amount=1000)
        cls.gone = cls._customers("Gone", 6, every=20, first=700, last=660, amount=100)
        cls.single = cls._customers("Single", 5, every=1, first=200, last=200, amount=100)

    @classmethod
    def _customers(cls, name, count, every, first, last, amount):
        """Each customer spends around a level of their own, each order around it (drawn
        with a fixed seed per group): the spend model learns from that variety."""
        salespeople = (cls.salesman, cls.other_salesman)
        partners = cls.env["res.partner"].create(
            [{"name": f"{name} {i}", "user_id": salespeople[i % 2].id} for i in range(count)]
        )
        rng = np.random.default_rng(len(name) * 1000 + count)
        levels = rng.gamma(4.0, 0.25, count)
        invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": cls.today - timedelta(days=days_ago + i),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "line",
                                "price_unit": round(amount * level * rng.gamma(6.0, 1 / 6), 2),
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for i, (partner, level) in enumerate(zip(partners, levels, strict=True))
                for days_ago in range(last, first + 1, every)
            ]
        )
        invoices.action_post()
        return partners

    def _tier_pairs_out_of_order(self, values, field_name):
        return [
            (better, worse)
            for better in values
            for worse in values
            if better.value_tier_id.sequence < worse.value_tier_id.sequence
            and better[field_name] < worse[field_name]
        ]

    def values_of(self, partners):
        return self.env["crm.customer.value"].search(
            [("partner_id", "in", partners.ids), ("company_id", "=", self.company.id)]
        )


@tagged("post_install", "-at_install")
class TestPredictionRecompute(PredictionCase):
    def test_statuses_follow_the_customers_history(self):
        self.recompute()
        self.assertEqual(self.company.value_prediction_state, "fitted")
        self.assertEqual(set(self.values_of(self.steady).mapped("alive_status")), {"active"})
        self.assertEqual(set(self.values_of(self.gone).mapped("alive_status")), {"lost"})
        self.assertEqual(set(self.values_of(self.single).mapped("alive_status")), {"single"})
        steady, quiet = self.values_of(self.steady[0]), self.values_of(self.quiet[0])
        self.assertGreater(steady.alive_probability, quiet.alive_probability)
        self.assertGreater(steady.expected_purchases_12m, 0)

    def test_valuable_at_risk_are_top_customers_at_risk(self):
        self.recompute()
        values = self.values_of(self.steady | self.quiet | self.gone | self.single)
        flagged = values.filtered("valuable_at_risk")
        self.assertTrue(flagged, "big buyers gone quiet are valuable customers at risk")
        self.assertLessEqual(flagged.partner_id, self.quiet)
        # PERCENT_RANK by predicted value among those worth anything, as the settings say
        worth = values.filtered(lambda value: value.predicted_clv > 0)
        share = self.company.value_at_risk_top_percent / 100
        for value in flagged:
            above = len(
                worth.filtered(lambda other, v=value: other.predicted_clv > v.predicted_clv)
            )
            self.assertLess(above / (len(worth) - 1), share)
            self.assertIn(value.alive_status, ("at_risk", "lost"))
        for value in values - flagged:
            if value.alive_status in ("at_risk", "lost") and value.predicted_clv > 0:
                above = len(worth.filtered(lambda o, v=value: o.predicted_clv > v.predicted_clv))
                self.assertGreaterEqual(above / (len(worth) - 1), share)

    def test_falling_alive_probability_flags_an_active_customer(self):
        """A customer still "active" whose alive probability fell by ten points since the
        previous recompute is worth a call if they are among the most valuable."""
        self.recompute()
        value = self.values_of(self.quiet[0])
        steady = self.values_of(self.steady[0])
        self.assertLess(value.alive_probability, 0.85)
        self.company.write(
            {
                "value_at_risk_top_percent": 100.0,
                "value_alive_active_percent": value.alive_probability * 100 - 1,
            }
        )
        value.sudo().alive_probability += 0.15
        self.recompute()
        self.assertEqual(value.alive_status, "active")
        self.assertTrue(value.valuable_at_risk)
        self.assertEqual(steady.alive_status, "active")
        self.assertFalse(steady.valuable_at_risk, "active and not falling")

    def test_pyramid_by_past_value_without_the_setting(self):
        self.recompute()
        values = self.values_of(self.steady | self.quiet | self.gone | self.single)
        self.assertEqual(self._tier_pairs_out_of_order(values, "clv_amount"), [])

    def test_too_few_repeat_customers_means_no_prediction(self):
        """A company whose customers rarely come back gets no prediction and a reason on
        the settings page: never parameters that fit nothing."""
        self.recompute()
        self.assertTrue(self.values_of(self.steady).mapped("alive_status"))
        with patch(
            "odoo.addons.crm_customer_value_prediction.lib.lifetime_models.MIN_REPEAT_CUSTOMERS",
            100,
        ):
            self.recompute()
        self.assertEqual(self.company.value_prediction_state, "failed")
        self.assertIn("100", self.company.value_prediction_message)
        values = self.values_of(self.steady | self.quiet)
        self.assertFalse(any(values.mapped("alive_status")))
        self.assertFalse(any(values.mapped("predicted_clv")))
        self.assertTrue(all(values.mapped("clv_amount")), "past values are still computed")

    def test_install_predicts_existing_customers(self):
        """Installed where values already exist: the predictions come with the next run of
        the value cron, not a day later when the daily refresh comes round."""
        self.recompute()
        clear_predictions(self.env, self.company)
        self.assertFalse(self.values_of(self.steady).filtered("alive_status"))
        post_init_hook(self.env)
        self.run_value_cron()
        self.assertEqual(set(self.values_of(self.steady).mapped("alive_status")), {"active"})

    def test_predictions_follow_the_value_cron(self):
        """Posting an invoice queues its customer; the queue's cron ends with the company's
        ranking, and the prediction with it."""
        self.run_value_cron()
        self.assertEqual(self.company.value_prediction_state, "fitted")
        self.assertTrue(all(self.values_of(self.steady).mapped("alive_status")))


@tagged("post_install", "-at_install")
class TestAtRiskActivities(PredictionCase):
    def test_calls_are_capped_per_salesperson_and_not_repeated(self):
        self.company.value_at_risk_top_percent = 100.0
        self.recompute()
        flagged = self.env["crm.customer.value"].search(
            [("company_id", "=", self.company.id), ("valuable_at_risk", "=", True)]
        )
        self.assertGreater(len(flagged), 4)
        # the calls of this test's salespeople (the cron serves every company)
        calls = [
            ("activity_type_id", "=", self.env.ref(AT_RISK_TYPE).id),
            ("user_id", "in", (self.salesman | self.other_salesman).ids),
        ]
        with patch.object(prediction_activity, "CALLS_PER_DAY", 2):
            run_batched_cron(self.env, AT_RISK_CRON)
        activities = self.env["mail.activity"].search(calls)
        self.assertEqual(len(activities), 4, "two calls for each of the two salespeople")
        for user in (self.salesman, self.other_salesman):
            mine = activities.filtered(lambda activity, user=user: activity.user_id == user)
            self.assertEqual(len(mine), 2)
            self.assertEqual(self.env["res.partner"].browse(mine.mapped("res_id")).user_id, user)
        self.assertLessEqual(set(activities.mapped("res_id")), set(flagged.partner_id.ids))
        # the same day: the allowance is spent; nobody is called twice
        with patch.object(prediction_activity, "CALLS_PER_DAY", 2):
            run_batched_cron(self.env, AT_RISK_CRON)
        self.assertEqual(self.env["mail.activity"].search_count(calls), 4)


@tagged("post_install", "-at_install")
class TestPredictionAccess(PredictionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.customer.value"]._recompute_company(cls.company)

    @users("value_salesman")
    def test_salesperson_reads_predictions(self):
        partner = self.env["res.partner"].browse(self.quiet[0].id)
        self.assertTrue(partner.value_alive_status)
        self.assertGreater(partner.value_predicted_clv, 0)
        at_risk = self.env["res.partner"].search([("value_at_risk", "=", True)])
        self.assertLessEqual(at_risk, self.quiet)

    @users("value_plain_user")
    @mute_logger("odoo.models", "odoo.fields")
    def test_plain_user_does_not_see_predictions(self):
        partner = self.env["res.partner"].browse(self.quiet[0].id)
        with self.assertRaises(AccessError):
            partner.read(["value_predicted_clv"])
        with self.assertRaises(AccessError):
            self.env["crm.customer.value"].search([("valuable_at_risk", "=", True)])


@tagged("post_install", "-at_install")
class TestTiersByPrediction(PredictionCase):
    def test_pyramid_by_predicted_value(self):
        """With the setting, a better tier never holds a customer with a lower predicted
        value; by past value the same pyramid would be out of order (customers long gone
        were worth more than one-time buyers who may still come back)."""
        self.company.value_tier_on_prediction = True
        self.recompute()
        values = self.values_of(self.steady | self.quiet | self.gone | self.single)
        self.assertEqual(self._tier_pairs_out_of_order(values, "predicted_clv"), [])
        self.assertTrue(self._tier_pairs_out_of_order(values, "clv_amount"))
        history = self.env["crm.value.tier.history"].search(
            [("partner_id", "=", self.quiet[0].id)], limit=1
        )
        self.assertAlmostEqual(
            history.clv_amount, self.values_of(self.quiet[0]).predicted_clv, places=2
        )
