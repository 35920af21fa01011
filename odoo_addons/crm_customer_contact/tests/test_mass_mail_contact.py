from odoo.tests import tagged

from .common import CustomerContactCase
from .mass_mail import mass_mail_composer, partner_template


@tagged("post_install", "-at_install")
class TestMassMailContact(CustomerContactCase):
    """The composer's mass-mail mode (a template sent to many records from a list) leaves
    mails, not notifications: each still counts as one contact of its customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm = cls.env["res.partner"].create({"name": "Kaveh Trading", "is_company": True})
        cls.kaveh.parent_id = cls.firm
        cls.template = partner_template(cls.env, "Spring offer", contact_promotional=True)

    def _mass_mail(self, partners, **values):
        composer = mass_mail_composer(self.env, self.salesman, partners, self.template, **values)
        self.assertEqual(composer.composition_mode, "mass_mail")
        composer.action_send_mail()
        return composer

    def _promotional(self, partner):
        return partner.with_user(self.salesman).company_contact_promotional_count_month

    def test_mass_mail_counts_each_customer_once(self):
        """Bahar is one below the limit (2): a promotional mass mail to Bahar and Kaveh moves
        each count by one (Kaveh's under his company), as the single composer does, and the
        policy then holds Bahar back from the next mailing."""
        self._past_mailing_to(self.bahar)
        composer = self._mass_mail(self.bahar | self.kaveh, auto_delete_keep_log=False)
        self.assertTrue(composer.contact_promotional, "the template is promotional")

        self.assertEqual(self._promotional(self.bahar), 2)
        self.assertEqual(self._promotional(self.kaveh), 1)
        self.assertEqual(self.firm.with_user(self.salesman).contact_promotional_count_month, 1)
        refusals = (self.bahar | self.kaveh)._contact_policy_refusals()
        self.assertEqual(list(refusals), self.bahar.ids)
        self.assertIn("limit 2", refusals[self.bahar.id])

    def test_mass_mail_logged_on_the_record_counts_once(self):
        """Keep Message Copy leaves the email on the customer's chatter too: still one
        contact."""
        composer = self._mass_mail(self.bahar, auto_delete_keep_log=True)
        self.assertTrue(composer.auto_delete_keep_log)
        logged = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.bahar.id),
                ("message_type", "=", "email_outgoing"),
            ]
        )
        self.assertEqual(len(logged), 1, "the email is logged on the customer")
        customer = self.bahar.with_user(self.salesman)
        self.assertEqual(customer.contact_count_month, 1)
        self.assertEqual(customer.contact_promotional_count_month, 1)

    def test_mass_mail_not_promotional_and_not_sent(self):
        """Unticked Promotional counts as a contact but not against the limit; a mail the
        composer cancels (blacklisted address) reached nobody and does not count."""
        self.env["mail.blacklist"].sudo()._add(self.kaveh.email)
        self._mass_mail(self.bahar | self.kaveh, contact_promotional=False)
        self.assertEqual(self.bahar.with_user(self.salesman).contact_count_month, 1)
        self.assertEqual(self._promotional(self.bahar), 0)
        self.assertEqual(self.kaveh.with_user(self.salesman).contact_count_month, 0)

    def test_mass_mail_that_fails_does_not_count(self):
        """A mail waiting in the queue counts; once it fails (even when Odoo then deletes
        it, as for an invalid address) it reached nobody."""
        self._mass_mail(self.bahar, force_send=False)
        self.assertEqual(self._promotional(self.bahar), 1)
        mail = (
            self.env["crm.customer.contact.mail"]
            .sudo()
            .search([("partner_id", "=", self.bahar.id)])
            .mail_id
        )
        self.assertEqual(mail.state, "outgoing")
        mail._postprocess_sent_message(success_pids=[], failure_type="mail_email_invalid")
        self.assertFalse(mail.exists())
        self.assertEqual(self._promotional(self.bahar), 0)
