from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ComplaintCase

FOLLOWUP = "crm_customer_care.mail_activity_type_complaint_followup"


@tagged("post_install", "-at_install")
class TestComplaintFollowup(ComplaintCase):
    def _resolved(self):
        complaint = self._complaint(user=self.handler, resolution="<p>New chair delivered.</p>")
        complaint.with_user(self.handler).stage_id = self.stage_resolved
        return complaint

    def test_resolution_sends_apology_and_plans_the_call(self):
        self.company.complaint_followup_days = 5
        complaint = self._resolved()
        mails = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        apology = mails.filtered(lambda m: complaint.name in (m.subject or ""))
        self.assertEqual(len(apology), 1)
        self.assertIn("New chair delivered.", apology.body)
        self.assertIn(self.contact, apology.partner_ids)
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(FOLLOWUP)
        )
        self.assertEqual(activity.user_id, self.handler)
        self.assertEqual(
            activity.date_deadline, fields.Date.context_today(complaint) + timedelta(days=5)
        )

    def test_no_closing_without_follow_up(self):
        complaint = self._resolved()
        with self.assertRaises(UserError):
            complaint.with_user(self.handler).stage_id = self.stage_closed

    def test_follow_up_records_satisfaction_and_closes(self):
        """The call's answer goes to the profile's history (source complaint), then closes."""
        complaint = self._resolved()
        action = complaint.with_user(self.handler).action_followup()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.handler).with_context(**action["context"])
        )
        wizard_form.problem_solved = "yes"
        self.assertEqual(wizard_form.satisfaction_level, "satisfied")
        wizard_form.satisfaction_level = "happy"
        wizard_form.note = "Loves the new chair"
        wizard_form.save().action_confirm()
        latest = self.env["crm.satisfaction.entry"].search(
            [("partner_id", "=", self.customer.id)], limit=1
        )
        self.assertEqual((latest.level, latest.source), ("happy", "complaint"))
        self.assertEqual(self.customer.satisfaction_level, "happy")
        self.assertEqual(complaint.stage_id, self.stage_closed)
        self.assertTrue(complaint.date_closed)
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(FOLLOWUP))
        )

    def test_unsolved_problem_reopens(self):
        complaint = self._resolved()
        wizard = (
            self.env["crm.complaint.followup"]
            .with_user(self.handler)
            .create({"complaint_id": complaint.id, "problem_solved": "no"})
        )
        self.assertEqual(wizard.satisfaction_level, "dissatisfied")
        wizard.action_confirm()
        self.assertEqual(complaint.stage_id, self.stage_listening)
        self.assertFalse(complaint.date_resolved)
        self.assertFalse(complaint.followup_done)
        self.assertEqual(complaint.followup_solved, "no")
