from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestProfileReviewCoversWhatTheyTold(CustomerContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.bahar.write(
            {"user_id": cls.salesman.id, "profile_reviewed_on": today - relativedelta(months=13)}
        )
        long_ago = today - relativedelta(months=13)
        cls.wish = cls.env["crm.customer.wish"].create(
            {
                "partner_id": cls.bahar.id,
                "kind": "preference",
                "name": "Calls after 4 pm",
                "date": long_ago,
                "confirmed_on": long_ago,
            }
        )
        cls.product = cls.env["product.product"].create({"name": "Filing Cabinet"})
        cls.promise = cls.env["crm.purchase.promise"].create(
            {
                "partner_id": cls.bahar.id,
                "product_id": cls.product.id,
                "quantity": 3,
                "date": long_ago,
                "date_due": today + relativedelta(months=1),
                "confirmed_on": long_ago,
            }
        )
        cls.review_type = cls.env.ref("crm_customer_profile.mail_activity_type_profile_review")

    def test_review_activity_lists_what_the_customer_told_us(self):
        self.env["res.partner"]._cron_request_profile_reviews()
        activity = self.bahar.activity_ids.filtered(
            lambda a: a.activity_type_id == self.review_type
        )
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("Calls after 4 pm", activity.note)
        self.assertIn("Filing Cabinet", activity.note)

    def test_marking_reviewed_confirms_wishes_and_promises(self):
        self.bahar.with_user(self.salesman).action_mark_profile_reviewed()
        today = fields.Date.context_today(self.bahar)
        self.assertEqual(self.wish.confirmed_on, today)
        self.assertEqual(self.wish.confirmed_by_id, self.salesman)
        self.assertEqual(self.promise.confirmed_on, today)
