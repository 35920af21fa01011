from datetime import date

from odoo.tests import Form, tagged
from odoo.tools import format_date

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
        # The web client's context: the salesperson's language.
        context["lang"] = self.salesman.lang
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

    def test_note_writes_the_date_in_the_writers_calendar(self):
        """The chatter note wrote the agreed day as 2031-03-14 beside Odoo's own dates in
        the reader's format and calendar (Jalali for Persian). It goes through Odoo's
        format_date in the writer's language, like every date the suite writes."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["res.lang"]._activate_lang("en_US")
        day = date(2031, 3, 14)
        notes = {}
        for lang in ("en_US", "fa_IR"):
            self.salesman.lang = lang
            self._agree(day, "phone", f"In {lang}")
            note = self.lead.message_ids.filtered(lambda m, lang=lang: f"In {lang}" in m.body)
            written = format_date(self.env(user=self.salesman, context={"lang": lang}), day)
            self.assertIn(written, note.body, lang)
            self.assertNotIn("2031-03-14", note.body, lang)
            notes[lang] = note.body
        self.assertIn("03/14/2031", notes["en_US"])
        if "jalali_calendar" in self.env["res.lang"]._fields:  # the Jalali calendar's there
            self.assertIn("1409/12/23", notes["fa_IR"])
