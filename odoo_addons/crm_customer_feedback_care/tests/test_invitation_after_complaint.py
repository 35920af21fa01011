from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.crm_customer_feedback.tests.common import CustomerFeedbackCase
from odoo.addons.crm_customer_profile.tests.common import run_batched_cron

CRON = "crm_customer_feedback.ir_cron_send_feedback_invitations"


@tagged("post_install", "-at_install")
class TestInvitationAfterComplaint(CustomerFeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.contact_quiet_days = 30
        cls.env["crm.feedback.invitation.rule"].search([]).active = False
        cls.rule = cls.env["crm.feedback.invitation.rule"].create(
            {
                "name": "After a complaint",
                "survey_id": cls.survey.id,
                "trigger": "complaint",
                "delay_days": 3,
                "user_id": cls.survey_officer.id,
            }
        )

    def _complaint(self, partner, closed_days_ago):
        complaint = self.env["crm.complaint"].create(
            {"subject": "Late delivery", "partner_id": partner.id}
        )
        if closed_days_ago is not None:
            # A complaint closed after its follow-up, some days ago (the care addon's own
            # tests cover how it gets there).
            closed = fields.Datetime.now() - relativedelta(days=closed_days_ago)
            stage = self.env.ref("crm_customer_care.crm_complaint_stage_followed_up")
            self.env.flush_all()  # pending computes must not overwrite the update below
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_complaint SET stage_id = %s, is_closed = TRUE, date_closed = %s "
                    "WHERE id = %s",
                    stage.id,
                    closed,
                    complaint.id,
                )
            )
            complaint.invalidate_recordset()
        return complaint

    def _invited(self, partner):
        return self.env["survey.user_input"].search(
            [("partner_id", "=", partner.id), ("feedback_rule_id", "=", self.rule.id)]
        )

    def test_invited_days_after_complaint_closed(self):
        """Three days after the complaint is closed the customer gets the survey, though
        still inside the quiet days after a complaint; an open complaint invites nobody."""
        self._complaint(self.customer, closed_days_ago=3)
        self._complaint(self.other, closed_days_ago=None)
        self.assertIn(self.customer.id, self.customer._contact_policy_refusals())
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._invited(self.customer)), 1)
        self.assertFalse(self._invited(self.other))

    def test_opted_out_customer_not_invited(self):
        self.customer.contact_opt_out = True
        self._complaint(self.customer, closed_days_ago=3)
        run_batched_cron(self.env, CRON)
        self.assertFalse(self._invited(self.customer))
