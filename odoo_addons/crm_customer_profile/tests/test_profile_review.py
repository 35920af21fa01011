from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.crm_customer_profile import post_init_hook
from odoo.addons.crm_customer_profile.models import res_partner

from .common import CustomerProfileCase, run_batched_cron

CRON = "crm_customer_profile.ir_cron_request_profile_reviews"


@tagged("post_install", "-at_install")
class TestProfileReview(CustomerProfileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("crm_customer_profile.review_months", 6)
        cls.review_type = cls.env.ref("crm_customer_profile.mail_activity_type_profile_review")
        today = fields.Date.today()
        cls.stale, cls.fresh = cls.env["res.partner"].create(
            [
                {
                    "name": "Stale",
                    "user_id": cls.salesman.id,
                    "profile_reviewed_on": today - relativedelta(months=7),
                },
                {
                    "name": "Fresh",
                    "user_id": cls.salesman.id,
                    "profile_reviewed_on": today - relativedelta(months=5),
                },
            ]
        )

    def test_to_review_filter_uses_the_configured_months(self):
        due = self.env["res.partner"].search([("profile_review_due", "=", True)])
        self.assertIn(self.stale, due)
        self.assertNotIn(self.fresh, due)
        self.assertNotIn(self.customer, due, "the clock of a new customer starts today")
        not_due = self.env["res.partner"].search([("profile_review_due", "=", False)])
        self.assertIn(self.fresh, not_due)
        self.assertTrue(self.stale.profile_review_due)
        self.assertFalse(self.fresh.profile_review_due)

    def test_cron_gives_the_salesperson_one_activity(self):
        """Run twice: the second run must not pile up a duplicate activity."""
        partners = self.env["res.partner"]
        partners._cron_request_profile_reviews()
        partners._cron_request_profile_reviews()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("activity_type_id", "=", self.review_type.id)]
        )
        self.assertEqual(
            activities.filtered(lambda a: a.res_id == self.stale.id).user_id, self.salesman
        )
        self.assertEqual(len(activities.filtered(lambda a: a.res_id == self.stale.id)), 1)
        self.assertFalse(activities.filtered(lambda a: a.res_id == self.fresh.id))

    def test_marking_reviewed_closes_the_activity(self):
        self.env["res.partner"]._cron_request_profile_reviews()
        self.stale.with_user(self.salesman).action_mark_profile_reviewed()
        self.assertEqual(self.stale.profile_reviewed_on, fields.Date.today())
        self.assertEqual(self.stale.profile_reviewed_by_id, self.salesman)
        self.assertFalse(
            self.stale.activity_ids.filtered(lambda a: a.activity_type_id == self.review_type)
        )
        self.assertFalse(self.stale.profile_review_due)

    def _review_activities(self, partners=None):
        domain = [("res_model", "=", "res.partner"), ("activity_type_id", "=", self.review_type.id)]
        if partners is not None:
            domain.append(("res_id", "in", partners.ids))
        return self.env["mail.activity"].search(domain)

    def _customers(self, count, **values):
        return self.env["res.partner"].create(
            [{"name": f"Customer {i}", "user_id": self.salesman.id, **values} for i in range(count)]
        )

    def test_no_review_activity_on_install_day(self):
        """On install every existing customer with a salesperson was due, so the first
        cron run gave one activity per customer (30 of 30). The clock now starts at
        install, spread over the period: nothing is due on day one."""
        customers = self._customers(30)
        self.env.cr.execute(
            "UPDATE res_partner SET profile_review_start = NULL WHERE id = ANY(%s)",
            [customers.ids],
        )
        customers.invalidate_recordset()
        post_init_hook(self.env)
        run_batched_cron(self.env, CRON)
        self.assertFalse(self._review_activities(customers))
        starts = customers.mapped("profile_review_start")
        cutoff = fields.Date.today() - relativedelta(months=6)
        self.assertTrue(all(cutoff < start <= fields.Date.today() for start in starts))
        self.assertGreater(len(set(starts)), 20, "spread over the period, not one day")
        # a month later only some are due (about one in six); after the period, all
        for months, most in ((1, 15), (6, 30)):
            later = fields.Date.today() + relativedelta(months=months, days=1)
            customers.invalidate_recordset(["profile_review_due"])
            with patch.object(fields.Date, "context_today", return_value=later):
                due = customers.filtered("profile_review_due")
            self.assertLessEqual(len(due), most)
        self.assertEqual(len(due), 30)

    def test_review_clock_starts_for_ids_past_2_31_over_7919(self):
        """Issue 24: installing on a database with a partner id of 300,001 failed with
        "integer out of range" (MOD(id * 7919, days) overflows PostgreSQL's integer past
        id 271,180). Ids of a real company's contacts pass that; the clock must start."""
        self.env.cr.execute(
            "SELECT setval('res_partner_id_seq', GREATEST(300000, "
            "(SELECT last_value FROM res_partner_id_seq)))"
        )
        customer = self._customers(1)
        self.assertGreater(customer.id, 271_180)
        self.env.cr.execute(
            "UPDATE res_partner SET profile_review_start = NULL WHERE id = %s", [customer.id]
        )
        customer.invalidate_recordset()
        post_init_hook(self.env)
        self.assertTrue(customer.profile_review_start)
        self.assertLessEqual(customer.profile_review_start, fields.Date.today())

    def test_salesperson_gets_at_most_the_configured_number(self):
        """Thirty overdue profiles, a cap of five: five activities, and no more while
        those five are open; closing one makes room for one."""
        self.env["ir.config_parameter"].sudo().set_param("crm_customer_profile.review_max_open", 5)
        overdue = fields.Date.today() - relativedelta(years=2)
        customers = self._customers(30, profile_reviewed_on=overdue)
        run_batched_cron(self.env, CRON)
        mine = self._review_activities().filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(len(mine), 5)
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._review_activities(customers | self.stale)), 5)
        reviewed = self.env["res.partner"].browse(mine[0].res_id)
        reviewed.with_user(self.salesman).action_mark_profile_reviewed()
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._review_activities(customers | self.stale)), 5)
        self.assertFalse(self._review_activities(reviewed))

    def test_cron_requests_reviews_one_batch_per_call(self):
        """The cron made every activity in one transaction; now one batch per call, with
        progress, and Odoo calls it again while work remains."""
        overdue = fields.Date.today() - relativedelta(years=2)
        customers = self._customers(4, profile_reviewed_on=overdue)
        # the four, "Stale" and whatever the database's own data has due
        due = len(self.env["res.partner"]._profile_reviews_to_request(self.review_type))
        self.assertGreaterEqual(due, 5)
        with patch.object(res_partner, "REVIEW_BATCH", 2):
            calls = run_batched_cron(self.env, CRON)
        expected = [(min(2, due - done), max(due - done - 2, 0)) for done in range(0, due, 2)]
        self.assertEqual(calls, expected)
        self.assertEqual(len(self._review_activities(customers)), 4)
