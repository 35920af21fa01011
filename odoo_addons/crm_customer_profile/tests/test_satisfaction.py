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

    def test_new_level_on_the_form_shows_its_date(self):
        """After a salesperson set a new level on the form, "Satisfaction recorded on"
        kept the old date while the new history entry had the new one."""
        old = fields.Datetime.now() - timedelta(days=40)
        self.customer.record_satisfaction("happy", date=old)
        self.assertEqual(self.customer.satisfaction_date, old)
        with Form(self.customer.with_user(self.salesman)) as partner:
            partner.satisfaction_level = "angry"
        latest = self.customer.satisfaction_entry_ids.sorted("date")[-1]
        self.assertEqual(latest.level, "angry")
        self.assertEqual(self.customer.satisfaction_date, latest.date)
        self.assertGreater(self.customer.satisfaction_date, old)

    def test_contact_of_an_unhappy_company_warns_on_its_form(self):
        """One rule everywhere: the warning follows the commercial entity's level."""
        company = self.env["res.partner"].create({"name": "Angry Co", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": company.id})
        company.record_satisfaction("angry", source="complaint")
        form = Form(contact.with_user(self.salesman))
        self.assertTrue(form.satisfaction_warning)
        self.assertEqual(form.commercial_satisfaction_level, "angry")
        self.assertFalse(contact.satisfaction_level, "the contact itself has no entry")

    def test_salesperson_records_satisfaction_with_a_note(self):
        """There was no way to add an entry with a note from the UI: the wizard does it,
        on the commercial entity of the contact it is opened for."""
        company = self.env["res.partner"].create({"name": "Noted Co", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Caller", "parent_id": company.id})
        action = self.env.ref("crm_customer_profile.crm_satisfaction_record_action")
        self.assertEqual(action.res_model, "crm.satisfaction.record")
        wizard = Form(
            self.env["crm.satisfaction.record"]
            .with_user(self.salesman)
            .with_context(default_partner_id=contact.id)
        )
        wizard.level = "dissatisfied"
        wizard.source = "other"
        wizard.note = "Late delivery twice"
        wizard.save().action_record()
        self.assertRecordValues(
            company.satisfaction_entry_ids,
            [
                {
                    "level": "dissatisfied",
                    "source": "other",
                    "note": "Late delivery twice",
                    "author_id": self.salesman.id,
                }
            ],
        )
        self.assertEqual(company.satisfaction_level, "dissatisfied")
        self.assertTrue(contact.satisfaction_warning)
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn(str(action.id), arch)
