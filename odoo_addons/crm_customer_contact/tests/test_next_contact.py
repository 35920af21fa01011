from datetime import date

from odoo.tests import Form, tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestNextContact(CustomerContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Furniture for the new branch",
                "type": "opportunity",
                "partner_id": cls.bahar.id,
                "user_id": cls.salesman.id,
            }
        )

    def _agree(self, when, means, agreed):
        context = {"active_model": "crm.lead", "active_id": self.lead.id}
        wizard_form = Form(
            self.env["crm.next.contact"].with_user(self.salesman).with_context(**context)
        )
        wizard_form.date = when
        wizard_form.means = means
        wizard_form.agreed = agreed
        wizard_form.save().action_confirm()

    def test_next_contact_gives_an_activity_on_its_date(self):
        """The agreed date becomes the salesperson's activity deadline, with what was
        agreed, and shows on the lead and on the customer."""
        self._agree(date(2031, 3, 14), "phone", "Call back with the price list")
        activity = self.lead.activity_ids.filtered("crm_next_contact")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2031, 3, 14))
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn("price list", str(activity.note))
        self.assertEqual(self.lead.next_contact_date, date(2031, 3, 14))
        self.assertEqual(self.bahar.next_contact_date, date(2031, 3, 14))
        self.assertEqual(self.bahar.next_contact_means, "phone")
        self.assertTrue(self.lead.message_ids.filtered(lambda m: "price list" in (m.body or "")))

    def test_new_agreement_replaces_the_previous_activity(self):
        self._agree(date(2031, 3, 14), "phone", "First")
        self._agree(date(2031, 4, 2), "meeting", "Moved to a meeting")
        activity = self.lead.activity_ids.filtered("crm_next_contact")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2031, 4, 2))
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_meeting"))
