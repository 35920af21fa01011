from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import CustomerProfileCase


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
        self.assertIn(self.customer, due, "never reviewed is due")
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
