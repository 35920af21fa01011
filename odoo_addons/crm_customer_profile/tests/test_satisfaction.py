from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged

from .common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestSatisfaction(CustomerProfileCase):
    def test_latest_entry_is_the_current_level(self):
        now = fields.Datetime.now()
        self.customer.record_satisfaction("happy", source="survey", date=now - timedelta(days=9))
        self.assertEqual(self.customer.satisfaction_level, "happy")
        self.customer.record_satisfaction("angry", source="complaint", note="Broken on arrival")
        self.assertEqual(self.customer.satisfaction_level, "angry")
        # An older observation recorded late does not override a newer one.
        self.customer.record_satisfaction("delighted", date=now - timedelta(days=30))
        self.assertEqual(self.customer.satisfaction_level, "angry")
        self.assertEqual(len(self.customer.satisfaction_entry_ids), 3)

    def test_setting_the_level_by_hand_records_a_manual_entry(self):
        with Form(self.customer.with_user(self.salesman)) as partner:
            partner.satisfaction_level = "dissatisfied"
        entry = self.customer.satisfaction_entry_ids
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry, [{"level": "dissatisfied", "source": "manual", "author_id": self.salesman.id}]
        )
        self.assertEqual(self.customer.profile_reviewed_by_id, self.salesman)

    def test_deleting_the_latest_entry_falls_back_to_the_previous_one(self):
        old = fields.Datetime.now() - timedelta(days=3)
        self.customer.record_satisfaction("satisfied", date=old)
        latest = self.customer.record_satisfaction("angry")
        latest.unlink()
        self.assertEqual(self.customer.satisfaction_level, "satisfied")

    def test_unhappy_customers_carry_a_warning(self):
        for level, warned in [
            ("delighted", False),
            ("happy", False),
            ("satisfied", False),
            ("dissatisfied", True),
            ("angry", True),
        ]:
            self.customer.record_satisfaction(level)
            self.assertEqual(self.customer.satisfaction_warning, warned, level)

    def test_warning_is_drawn_on_the_partner_form(self):
        """The alert is in the form's arch and shows only for unhappy customers."""
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn("satisfaction_warning", arch)
        self.customer.record_satisfaction("angry")
        form = Form(self.customer)
        self.assertTrue(form.satisfaction_warning)

    def test_many_partners_at_once(self):
        partners = self.customer | self.env["res.partner"].create({"name": "Second"})
        entries = partners.record_satisfaction("happy", source="survey")
        self.assertEqual(len(entries), 2)
        self.assertEqual(partners.mapped("satisfaction_level"), ["happy", "happy"])
