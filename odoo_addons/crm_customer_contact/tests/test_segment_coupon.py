from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestSegmentCoupon(CustomerContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bahar.satisfaction_level = "delighted"
        cls.kaveh.satisfaction_level = "angry"
        cls.segment = cls.env.ref("crm_customer_contact.mailing_filter_delighted_happy")
        cls.program = cls.env["loyalty.program"].create(
            {"name": "Thank-you coupon", "program_type": "coupons", "trigger": "with_code"}
        )

    def test_coupon_per_customer_of_the_segment(self):
        """The manager gives a coupon to each customer of a saved segment through Odoo's
        own coupon generator: the delighted customer gets one, the angry one none."""
        wizard = (
            self.env["crm.segment.coupon"]
            .with_user(self.manager)
            .create({"segment_id": self.segment.id, "program_id": self.program.id})
        )
        self.assertIn(self.bahar, wizard._segment_customers())
        self.assertNotIn(self.kaveh, wizard._segment_customers())
        context = wizard.action_open_generator()["context"]
        generator = (
            self.env["loyalty.generate.wizard"]
            .with_user(self.manager)
            .with_context(**context)
            .create({})
        )
        generator.generate_coupons()
        cards = self.env["loyalty.card"].search([("program_id", "=", self.program.id)])
        self.assertIn(self.bahar, cards.partner_id)
        self.assertNotIn(self.kaveh, cards.partner_id)
        self.assertEqual(len(cards), len(cards.partner_id))

    def test_salesperson_cannot_hand_out_segment_coupons(self):
        with self.assertRaises(AccessError):
            self.env["crm.segment.coupon"].with_user(self.salesman).create(
                {"segment_id": self.segment.id, "program_id": self.program.id}
            )
