from odoo.tests import tagged

from odoo.addons.crm_customer_contact.tests.mass_mail import (
    mass_mail_composer,
    partner_template,
)

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiMassMail(KpiCase):
    """The composer's mass-mail mode (a template sent to many records from a list) leaves
    mails, not notifications, and Odoo deletes the mail, and its message unless Keep
    Message Copy is ticked, once it is sent. The contact indicators count these emails as
    the contact policy does (crm.customer.contact.mail): one per recipient, once, never
    when cancelled or failed. They are made now, so they count in the live month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_a.email = "north@example.com"
        for partner, email in (
            (cls.cust_a, "arya@example.com"),
            (cls.cust_b, "bahar@example.com"),
            (cls.cust_c, "caspian@example.com"),
        ):
            partner.email = email
        cls.template = partner_template(cls.env, "Our new price list", auto_delete=True)

    def mass_mail(self, partners, **values):
        composer = mass_mail_composer(self.env, self.rep_a, partners, self.template, **values)
        self.assertEqual(composer.composition_mode, "mass_mail")
        composer.action_send_mail()
        return composer

    def kept_copies(self, partners):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("message_type", "=", "email_outgoing"),
            ]
        )

    def setUp(self):
        super().setUp()
        # What the live month holds before the mails of the test (shared demo customers'
        # emails count in the first company).
        self.refresh()
        self.before = {
            (code, team): self.figure(code, team=team, month=self.m0).value
            for code in ("emails_out", "emails_in", "contacts_total")
            for team in (False, self.team_a, self.team_b)
        }
        self.before_customers = self.customers()
        self.listed_before = {code: self.listed(code) for code in ("emails_out", "contacts_total")}

    def added(self, code, team=False):
        """How much the live month's figure moved since the test began."""
        return self.figure(code, team=team, month=self.m0).value - self.before[code, team]

    def customers(self):
        """The customers contacted in the live month (contacts per customer's denominator;
        no figure when nobody was contacted)."""
        return self.figure("contacts_per_customer", month=self.m0).denominator or 0

    def added_customers(self):
        return self.customers() - self.before_customers

    def listed(self, code):
        action = self.Snapshot.action_open_records(code, self.m0, self.company.id)
        self.assertEqual(action["res_model"], "mail.message")
        return self.env["mail.message"].search(action["domain"])

    def listed_added(self, code):
        return self.listed(code) - self.listed_before[code]

    def test_mass_mails_count_once_per_recipient(self):
        """Arya and Bahar without a copy, Arya again with one: three emails sent to two
        customers, each once (the copy kept on Arya is not a fourth)."""
        self.mass_mail(self.cust_a | self.cust_b, auto_delete_keep_log=False)
        self.assertFalse(self.kept_copies(self.cust_a | self.cust_b), "no copy kept")
        self.mass_mail(self.cust_a, auto_delete_keep_log=True)
        kept = self.kept_copies(self.cust_a)
        self.assertEqual(len(kept), 1, "the copy is kept on Arya")
        self.assertEqual(
            self.env["crm.customer.contact.mail"]
            .sudo()
            .search_count([("partner_id", "in", (self.cust_a | self.cust_b).ids)]),
            3,
        )
        self.refresh()
        self.assertEqual(self.added("emails_out"), 3)
        self.assertEqual(self.added("contacts_total"), 3)
        self.assertEqual(self.added("emails_in"), 0)
        self.assertEqual(self.added_customers(), 2)
        # the team of each customer's salesperson: Arya's North, Bahar's South
        self.assertEqual(self.added("emails_out", team=self.team_a), 2)
        self.assertEqual(self.added("emails_out", team=self.team_b), 1)
        # The drill-down lists the emails still on a record: the kept copy, once; those
        # whose message Odoo deleted have none.
        self.assertEqual(self.listed_added("emails_out"), kept)
        self.assertEqual(self.listed_added("contacts_total"), kept)

    def test_cancelled_or_failed_mass_mails_do_not_count(self):
        """Caspian is blacklisted: the composer cancels his mail (its message stays while
        the mail does). Bahar's mail, with a copy kept, fails on her address: Odoo deletes
        the mail and keeps the copy. Neither reached anyone; Arya's did."""
        self.env["mail.blacklist"].sudo()._add(self.cust_c.email)
        self.mass_mail(self.cust_c, auto_delete_keep_log=True)
        cancelled = self.env["mail.mail"].sudo().search([("res_id", "=", self.cust_c.id)])
        self.assertEqual(cancelled.state, "cancel")
        self.assertTrue(cancelled.mail_message_id.exists())

        self.mass_mail(self.cust_b, auto_delete_keep_log=True, force_send=False)
        failing = self.env["mail.mail"].sudo().search([("res_id", "=", self.cust_b.id)])
        self.assertEqual(failing.state, "outgoing")
        failing._postprocess_sent_message(success_pids=[], failure_type="mail_email_invalid")
        self.assertFalse(failing.exists())
        self.assertEqual(len(self.kept_copies(self.cust_b)), 1, "the copy is kept on Bahar")

        self.mass_mail(self.cust_a, auto_delete_keep_log=True)
        self.refresh()
        self.assertEqual(self.added("emails_out"), 1)
        self.assertEqual(self.added("contacts_total"), 1)
        self.assertEqual(self.added_customers(), 1)
        self.assertEqual(self.added("emails_out", team=self.team_a), 1)
        self.assertEqual(self.added("emails_out", team=self.team_b), 0)
        self.assertEqual(self.listed_added("emails_out"), self.kept_copies(self.cust_a))
