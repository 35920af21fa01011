import base64

from odoo.tests import tagged

from .common import SyncCase
from .test_email_batch import EmailCase

NOTE = "mail.mt_note"


@tagged("post_install", "-at_install")
class TestLeadNotesWithoutEmail(SyncCase):
    """The worker's user has no email address (scripts/crm_setup.py and the README give it
    none), and whatever the sync writes on a lead must not need one: Odoo refused the note
    about a shortened field ("Unable to send message, please configure the sender's email
    address") and the whole submission became a dead letter (issue 28.1)."""

    def setUp(self):
        super().setUp()
        self.assertFalse(self.integration.email, "the worker's user as it is set up")
        self.env.company.partner_id.lang = "en_US"

    def stored(self, record):
        result = self.push(self.begin(), [record])[0]
        self.assertIn(result["status"], ("created", "updated"), result)
        letters = self.env["crm.sync.dead.letter"].search(
            [("external_id", "=", record["external_id"])]
        )
        self.assertFalse(letters, "no dead letter")
        return self.env["crm.lead"].browse(result["lead_id"])

    def assert_noted(self, lead, field_label, full_text):
        notes = lead.message_ids.filtered(lambda m: field_label in (m.body or ""))
        self.assertEqual(len(notes), 1, lead.message_ids.mapped("body"))
        self.assertEqual(notes.subtype_id, self.env.ref(NOTE))
        self.assertTrue(notes.is_internal, "a note, never sent to anyone")
        self.assertFalse(notes.notification_ids, "nobody is notified")
        self.assertEqual(base64.b64decode(notes.attachment_ids.datas).decode(), full_text)
        self.assertEqual(notes.attachment_ids.res_id, lead.id)

    def test_a_5_mb_message_keeps_the_lead_and_its_note(self):
        """The bad-input set's 5 MB message: Odoo shortens it to 20,000 characters."""
        full = "<p>" + "x" * 5_000_000 + "</p>"
        lead = self.stored(self.submission(1, description=full))
        self.assertLessEqual(len(lead.description), 20_000 + 7)
        self.assertIn("Notes was longer than 20000 characters", lead.message_ids[0].body)
        self.assertEqual(len(lead.message_ids.attachment_ids), 1, "the full text, attached once")
        self.assert_noted(lead, "Notes was longer", full)

    def test_a_300000_character_name_keeps_the_lead(self):
        """The bad-input set's 300,000-character name, as the worker sends it: shortened,
        with the full text in `overflow`."""
        full = "N" * 300_000
        record = self.submission(2, name=full[:255], overflow=[{"field": "name", "text": full}])
        lead = self.stored(record)
        self.assertEqual(lead.name, full[:255])
        self.assert_noted(lead, "was longer than 255 characters", full)

    def test_a_long_message_on_an_open_lead_keeps_the_update(self):
        lead = self.stored(self.submission(3))
        full = "y" * 30_000
        again = self.submission(4, email=lead.email_from, description=full)
        self.assertEqual(self.stored(again), lead)
        self.assert_noted(lead, "Notes was longer", full)

    def test_a_submission_of_a_known_customer_is_stored(self):
        customer = self.env["res.partner"].create(
            {"name": "Known", "email": "known@example.com", "phone": "+989120000001"}
        )
        lead = self.stored(self.submission(5, email="known@example.com", phone="+989129999999"))
        self.assertEqual(lead.partner_id, customer)

    def test_dead_letters_are_kept_and_settled(self):
        """A dead letter is a mail thread: its creation and its tracked changes are logged
        as the worker's user too."""
        run_id = self.begin()
        self.push(run_id, [], [{"external_id": "form-6", "payload": "{}", "reason": "bad"}])
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", "form-6")])
        self.assertEqual(len(letter), 1)
        letter.action_replay()
        fixed = self.submission(6, dead_letter_id=letter.id, description="z" * 25_000)
        self.assertEqual(self.push(run_id, [fixed])[0]["status"], "created")
        self.assertEqual(letter.state, "replayed")
        self.Source.sync_end(run_id, "worker-1")


@tagged("post_install", "-at_install")
class TestMailLogWithoutEmail(EmailCase):
    """Mails are logged as the worker's user, who has no email address: the logged message
    is the mail's, From and all; nothing asks for the user's address (issue 28.1)."""

    def test_mails_are_logged_on_customers_leads_and_new_leads(self):
        self.assertFalse(self.integration.email)
        run_id = self.begin_mail(email_log_scope="all", email_unknown_sender="lead")
        mails = [
            self.mail(1),
            self.mail(2, **{"from": "prospect@lead.example"}),
            self.mail(3, **{"from": "stranger@new.example"}),
        ]
        results = self.push_mails(run_id, mails)
        self.assertEqual([r["status"] for r in results], ["created"] * 3, results)
        self.assertEqual(len(self.messages_on(self.customer)), 1)
        self.assertEqual(len(self.messages_on(self.lead)), 1)
        new = self.env["crm.lead"].search([("email_from", "=", "stranger@new.example")])
        self.assertEqual(self.messages_on(new).email_from, "stranger@new.example")

    def test_the_gateway_logs_as_a_user_without_email(self):
        domain = self.env["mail.alias.domain"].create({"name": "no-email.example"})
        self.env["mail.alias"].create(
            {
                "alias_name": "web-leads",
                "alias_domain_id": domain.id,
                "alias_model_id": self.env["ir.model"]._get_id("crm.lead"),
            }
        )
        run_id = self.begin_mail(email_use_gateway=True)
        text = (
            "From: someone@new.example\r\nTo: web-leads@no-email.example\r\n"
            "Subject: Gateway 30\r\nMessage-ID: <gw30@new.example>\r\n\r\nPlease call\r\n"
        )
        mail = self.mail(
            30, message_id="<gw30@new.example>", raw=base64.b64encode(text.encode()).decode()
        )
        self.assertEqual(self.push_mails(run_id, [mail])[0]["status"], "created")
        self.assertTrue(self.env["crm.lead"].search([("name", "=", "Gateway 30")]))
