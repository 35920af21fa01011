from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.common import run_batched_cron

from .common import CustomerFeedbackCase

CRON = "crm_customer_feedback.ir_cron_send_feedback_invitations"


@tagged("post_install", "-at_install")
class TestFeedbackInvitations(CustomerFeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the rule under test runs (demo rules invite demo customers).
        cls.env["crm.feedback.invitation.rule"].search([]).active = False
        cls.rule = (
            cls.env["crm.feedback.invitation.rule"]
            .with_user(cls.survey_officer)
            .create(
                {
                    "name": "A week after each invoice",
                    "survey_id": cls.survey.id,
                    "trigger": "invoice",
                    "delay_days": 7,
                    "user_id": cls.survey_officer.id,
                }
            )
        )
        week_ago = fields.Date.context_today(cls.rule) - relativedelta(days=7)
        for partner in (cls.customer, cls.other):
            cls._posted_invoice(partner, week_ago)

    @classmethod
    def _posted_invoice(cls, partner, invoice_date):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_line_ids": [Command.create({"name": "Service", "price_unit": 100})],
            }
        )
        invoice.action_post()
        return invoice

    def _over_the_limit(self, partner):
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Earlier",
                "body_html": "<p>x</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            }
        )
        self.env["mailing.trace"].create(
            [
                {"mass_mailing_id": mailing.id, "model": "res.partner", "res_id": partner.id}
                for _i in range(2)
            ]
        )

    def _invitations(self, partner):
        return self.env["survey.user_input"].search(
            [("partner_id", "=", partner.id), ("feedback_rule_id", "=", self.rule.id)]
        )

    def test_cron_invites_after_invoice_within_policy(self):
        """A week after their invoice, customers get the survey; the one over the monthly
        limit does not, and the rule's chatter says so."""
        self._over_the_limit(self.other)
        run_batched_cron(self.env, CRON)

        invitation = self._invitations(self.customer)
        self.assertEqual(len(invitation), 1)
        self.assertTrue(invitation.feedback_invited_on)
        self.assertEqual(invitation.feedback_channel, "email")
        self.assertFalse(self._invitations(self.other))
        note = self.rule.message_ids.filtered(lambda m: "contact policy" in (m.body or ""))
        self.assertIn("Omid Customer", note.body)
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.customer.ids)])
        self.assertIn(invitation.access_token, mail.body_html)

    def test_no_second_invitation_within_interval(self):
        run_batched_cron(self.env, CRON)
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._invitations(self.customer)), 1)
        self.assertEqual(len(self._invitations(self.other)), 1)

    def test_rule_of_another_company_invisible(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.rule.company_id = other_company
        rules = self.env["crm.feedback.invitation.rule"].with_user(self.survey_officer).search([])
        self.assertNotIn(self.rule, rules)

    def test_periodic_rule_invites_key_customers_only(self):
        """A periodic rule invites the customers of its tiers, not the others."""
        gold = self.env.ref("crm_customer_value.crm_value_tier_gold")
        self.env["crm.customer.value"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.env.company.id,
                "value_tier_id": gold.id,
            }
        )
        self.rule.write({"trigger": "periodic", "tier_ids": [Command.set(gold.ids)]})
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._invitations(self.customer)), 1)
        self.assertFalse(self._invitations(self.other))
