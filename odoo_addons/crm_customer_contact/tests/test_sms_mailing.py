from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestSmsMailingPolicy(CustomerContactCase):
    def test_sms_mailing_lists_held_back_customers(self):
        """An SMS mailing leaves out the customer over the limit and, like an email
        mailing, lists who and why in its chatter."""
        self._past_mailing_to(self.bahar, count=2)
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Check-up week",
                    "subject": "Check-up week",
                    "mailing_type": "sms",
                    "body_plaintext": "Free check-up this week",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", (self.bahar | self.kaveh).ids)]),
                }
            )
        )
        mailing.action_send_mail()

        traces = self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])
        self.assertEqual(traces.mapped("res_id"), self.kaveh.ids)
        self.assertEqual(set(traces.mapped("trace_type")), {"sms"})
        self.assertEqual(mailing.contact_policy_skipped, 1)
        note = mailing.message_ids.filtered(lambda m: "contact policy" in (m.body or ""))
        self.assertIn("Bahar Customer", note.body)
        self.assertIn("limit 2", note.body)

    def test_given_recipients_are_filtered_too(self):
        """Sending to chosen recipients (not the remaining ones) still respects the policy."""
        self._past_mailing_to(self.bahar, count=2)
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.manager)
            .create(
                {
                    "subject": "Spring offers",
                    "body_html": "<p>Offers</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", (self.bahar | self.kaveh).ids)]),
                }
            )
        )
        mailing._action_send_mail(res_ids=(self.bahar | self.kaveh).ids)
        traces = self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])
        self.assertEqual(traces.mapped("res_id"), self.kaveh.ids)
