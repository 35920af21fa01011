from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestContactCount(CustomerContactCase):
    def test_every_kind_of_outgoing_contact_counts(self):
        """An email from the chatter, a mailing, and a logged call each count once for the
        month; only the mailing is promotional."""
        as_salesman = self.bahar.with_user(self.salesman)
        as_salesman.message_post(
            body="Your offer",
            partner_ids=self.bahar.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._past_mailing_to(self.bahar)
        call = as_salesman.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.salesman.id
        )
        call.with_user(self.salesman).action_feedback(feedback="Talked about the renewal")

        customer = self.bahar.with_user(self.salesman)
        self.assertEqual(customer.contact_count_month, 3)
        self.assertEqual(customer.contact_promotional_count_month, 1)
        self.assertEqual(self.kaveh.with_user(self.salesman).contact_count_month, 0)


@tagged("post_install", "-at_install")
class TestMailingPolicy(CustomerContactCase):
    def _mailing(self, partners):
        return (
            self.env["mailing.mailing"]
            .with_user(self.manager)
            .create(
                {
                    "subject": "Spring offers",
                    "body_html": "<p>Offers</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", partners.ids)]),
                }
            )
        )

    def test_mailing_skips_customer_over_the_limit(self):
        """The contact limit blocks a mailing for the customer who already had enough
        promotional contacts this month, sends to the others, and says so."""
        self._past_mailing_to(self.bahar, count=2)
        mailing = self._mailing(self.bahar | self.kaveh)
        mailing.action_send_mail()

        traces = self.env["mailing.trace"].search([("mass_mailing_id", "=", mailing.id)])
        self.assertEqual(traces.mapped("res_id"), self.kaveh.ids)
        self.assertEqual(mailing.contact_policy_skipped, 1)
        note = mailing.message_ids.filtered(lambda m: "contact policy" in (m.body or ""))
        self.assertIn("Bahar Customer", note.body)
        self.assertIn("limit 2", note.body)

    def test_opted_out_customer_is_skipped(self):
        self.kaveh.contact_opt_out = True
        mailing = self._mailing(self.bahar | self.kaveh)
        self.assertEqual(mailing._get_remaining_recipients(), self.bahar.ids)

    def test_mailing_to_only_held_back_customers_says_why(self):
        """When nobody is left, the send stops with the reason instead of 'no recipients'."""
        self._past_mailing_to(self.bahar, count=2)
        mailing = self._mailing(self.bahar)
        with self.assertRaisesRegex(UserError, "contact policy"):
            mailing.action_send_mail()

    def test_no_limit_when_zero(self):
        self.company.contact_max_promotional = 0
        self._past_mailing_to(self.bahar, count=5)
        self.assertEqual(self._mailing(self.bahar)._get_remaining_recipients(), self.bahar.ids)
