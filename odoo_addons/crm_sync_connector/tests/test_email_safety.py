import base64
import json

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_email_batch import EmailCase


@tagged("post_install", "-at_install")
class TestEmailThreadsCountsAndReplay(EmailCase):
    """Issue 10, items 1 (emails), 8, 11, 13."""

    def test_a_reply_whose_root_is_in_the_same_batch_is_threaded(self):
        run_id = self.begin_mail()
        root = self.mail(
            30, **{"from": "seller@ourcompany.example", "to": ["prospect@lead.example"]}
        )
        reply = self.mail(
            31,
            **{"from": "prospect@lead.example", "to": ["seller@ourcompany.example"]},
            in_reply_to=root["message_id"],
            references=[root["message_id"]],
        )
        results = self.push_mails(run_id, [root, reply])
        self.assertEqual([r["status"] for r in results], ["created", "created"])
        messages = self.messages_on(self.lead)
        first = messages.filtered(lambda m: m.message_id == root["message_id"])
        answer = messages.filtered(lambda m: m.message_id == reply["message_id"])
        self.assertEqual(answer.parent_id, first)

    def test_a_thread_from_an_unknown_sender_in_one_batch_makes_one_lead(self):
        run_id = self.begin_mail(email_log_scope="all", email_unknown_sender="lead")
        stranger = {"from": "walkin@new.example", "to": ["seller@ourcompany.example"]}
        root = self.mail(32, **stranger)
        reply = self.mail(
            33, **stranger, in_reply_to=root["message_id"], references=[root["message_id"]]
        )
        self.push_mails(run_id, [root, reply])
        lead = self.env["crm.lead"].search([("email_from", "=", "walkin@new.example")])
        self.assertEqual(len(lead), 1)
        messages = self.messages_on(lead)
        self.assertEqual(len(messages), 2)
        answer = messages.filtered(lambda m: m.message_id == reply["message_id"])
        self.assertEqual(answer.parent_id.message_id, root["message_id"])

    def test_skipped_mails_are_part_of_the_counts(self):
        run_id = self.begin_mail()
        self.push_mails(run_id, [self.mail(34), self.mail(35, auto_submitted=True)])
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.fetched_count, run.created_count, run.skipped_count), (2, 1, 1))
        self.assertTrue(run.counts_add_up)

    @mute_logger("odoo.sql_db")
    def test_a_poison_mail_becomes_a_dead_letter_and_the_rest_is_logged(self):
        run_id = self.begin_mail()
        results = self.Source.sync_push_emails(
            run_id,
            "mail-worker",
            [self.mail(36), self.mail(37, subject="Bad\x00subject"), self.mail(38)],
            [],
            "uid:38",
        )
        self.assertEqual([r["status"] for r in results], ["created", "failed", "created"])
        letter = self.env["crm.sync.dead.letter"].search(
            [("external_id", "=", "<m37@client.example>")]
        )
        self.assertIn("NUL", letter.reason)
        source = self.env["crm.sync.source"].search([("name", "=", "mailbox")])
        self.assertEqual(source.cursor, "uid:38")

    @mute_logger("odoo.sql_db")
    def test_a_poison_mail_from_an_unknown_sender_is_a_dead_letter(self):
        """Its new lead is created with its mail, under the same savepoint: a lead Odoo
        refuses no longer takes the batch down."""
        run_id = self.begin_mail(email_log_scope="all", email_unknown_sender="lead")
        walk_in = {"from": "walkin2@new.example", "to": ["seller@ourcompany.example"]}
        results = self.push_mails(
            run_id, [self.mail(44, **walk_in), self.mail(45, **walk_in, subject="Bad\x00one")]
        )
        self.assertEqual([r["status"] for r in results], ["created", "failed"])
        self.assertEqual(
            len(self.env["crm.lead"].search([("email_from", "=", "walkin2@new.example")])), 1
        )

    def test_email_dead_letters_are_replayed_as_emails(self):
        run_id = self.begin_mail(email_log_scope="all", email_unknown_sender="dead_letter")
        mail = self.mail(39, **{"from": "later@new.example"})
        self.assertEqual(self.push_mails(run_id, [mail])[0]["status"], "failed")
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", mail["message_id"])])
        letter.action_replay()
        self.env["crm.sync.source"].search([("name", "=", "mailbox")]).email_unknown_sender = "lead"
        [to_replay] = self.Source.sync_dead_letters_to_replay("mailbox")
        self.assertEqual(to_replay["kind"], "email")
        self.assertEqual(to_replay["external_id"], mail["message_id"])
        replayed = {**json.loads(to_replay["payload"]), "dead_letter_id": to_replay["id"]}
        self.assertEqual(self.push_mails(run_id, [replayed])[0]["status"], "created")
        self.assertEqual(letter.state, "replayed")
        lead = self.env["crm.lead"].search([("email_from", "=", "later@new.example")])
        self.assertEqual(self.messages_on(lead).subject, mail["subject"])

    def test_lead_dead_letters_are_replayed_as_leads(self):
        session = self.Source.sync_begin("website", "rest_json", "worker-1")
        self.Source.sync_push_leads(
            session["run_id"],
            "worker-1",
            [],
            [{"external_id": "f", "payload": "{}", "reason": "x"}],
            None,
        )
        self.env["crm.sync.dead.letter"].search([("external_id", "=", "f")]).action_replay()
        [letter] = self.Source.sync_dead_letters_to_replay("website")
        self.assertEqual((letter["kind"], letter["payload"]), ("lead", "{}"))


@tagged("post_install", "-at_install")
class TestEmailCompanies(EmailCase):
    """Issue 10, item 17: a mail never lands on, nor is written by, another company's
    record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Mail Co B"})
        cls.lead_b = cls.env["crm.lead"].create(
            {
                "name": "B's lead",
                "email_from": "shared@both.example",
                "company_id": cls.company_b.id,
            }
        )
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "B's contact", "email": "author@b.example", "company_id": cls.company_b.id}
        )
        cls.worker = cls.integration_user_of(cls.env.company | cls.company_b, "mail_two_co")
        cls.Source = cls.env["crm.sync.source"].with_user(cls.worker)

    def test_a_mail_never_lands_on_a_lead_of_another_company(self):
        run_id = self.begin_mail()
        self.push_mails(run_id, [self.mail(40, **{"from": "shared@both.example"})])
        self.assertFalse(self.messages_on(self.lead_b))

    def test_a_reply_to_another_companys_thread_is_not_threaded_there(self):
        root = self.lead_b.message_post(body="From B", message_type="email")
        root.message_id = "<root-b@both.example>"
        run_id = self.begin_mail()
        reply = self.mail(
            41, in_reply_to="<root-b@both.example>", references=["<root-b@both.example>"]
        )
        self.assertEqual(self.push_mails(run_id, [reply])[0]["status"], "created")
        self.assertEqual(self.messages_on(self.lead_b), root)
        logged = self.messages_on(self.customer)
        self.assertFalse(logged.parent_id)

    def test_the_author_is_only_a_contact_of_the_sources_company(self):
        run_id = self.begin_mail()
        mail = self.mail(42, **{"from": "author@b.example", "to": ["prospect@lead.example"]})
        self.push_mails(run_id, [mail])
        message = self.messages_on(self.lead)
        self.assertEqual(len(message), 1)
        self.assertNotEqual(message.author_id, self.partner_b)
        self.assertEqual(message.email_from, "author@b.example")

    def test_sources_are_found_in_the_users_current_company_first(self):
        """Names are unique per company only: the worker of company B runs B's source."""
        self.env["crm.sync.source"].create({"name": "inbox", "kind": "imap"})
        source_b = self.env["crm.sync.source"].create(
            {"name": "inbox", "kind": "imap", "company_id": self.company_b.id}
        )
        worker_b = self.integration_user_of(self.company_b | self.env.company, "mail_b_first")
        Source = self.env["crm.sync.source"].with_user(worker_b)
        session = Source.sync_begin("inbox", "imap", "wb")
        self.assertEqual(self.env["crm.sync.run"].browse(session["run_id"]).source_id, source_b)
        Source.sync_push_emails(
            session["run_id"],
            "wb",
            [],
            [{"external_id": "<x@b>", "payload": "{}", "reason": "r"}],
            None,
        )
        letter = self.env["crm.sync.dead.letter"].search([("external_id", "=", "<x@b>")])
        self.assertEqual(letter.source_id, source_b)
        letter.action_replay()
        self.assertEqual([d["id"] for d in Source.sync_dead_letters_to_replay("inbox")], letter.ids)

    def test_the_gateway_never_lands_a_mail_in_another_company(self):
        """With Odoo's gateway on, an alias that creates its records in another company
        does not take the source's mails there: a dead letter says why."""
        domain = self.env["mail.alias.domain"].create({"name": "sync-b.example"})
        self.env["mail.alias"].create(
            {
                "alias_name": "b-leads",
                "alias_domain_id": domain.id,
                "alias_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "alias_defaults": repr({"company_id": self.company_b.id}),
            }
        )
        run_id = self.begin_mail(email_use_gateway=True)
        text = (
            "From: someone@new.example\r\nTo: b-leads@sync-b.example\r\nSubject: To B\r\n"
            "Message-ID: <gwb@new.example>\r\n\r\nPlease call\r\n"
        )
        mail = self.mail(
            43,
            message_id="<gwb@new.example>",
            raw=base64.b64encode(text.encode()).decode(),
        )
        self.assertEqual(self.push_mails(run_id, [mail])[0]["status"], "failed")
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "To B")]))
        letter = self.env["crm.sync.dead.letter"].search(
            [("external_id", "=", "<gwb@new.example>")]
        )
        self.assertIn(self.company_b.name, letter.reason)
