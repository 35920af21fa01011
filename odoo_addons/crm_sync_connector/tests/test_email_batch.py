import base64

from odoo.tests import tagged

from .common import SyncCase


class EmailCase(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Mail Customer", "email": "customer@client.example"}
        )
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Open lead", "email_from": "prospect@lead.example"}
        )
        cls.seller = cls.env.ref("base.user_admin")
        cls.seller.email = "seller@ourcompany.example"

    def begin_mail(self, worker="mail-worker", **source_values):
        session = self.Source.sync_begin("mailbox", "imap", worker)
        self.env["crm.sync.source"].browse(
            self.env["crm.sync.run"].browse(session["run_id"]).source_id.id
        ).write(source_values)
        return session["run_id"]

    def push_mails(self, run_id, mails, worker="mail-worker"):
        return self.Source.sync_push_emails(run_id, worker, mails, [], None)

    @staticmethod
    def mail(number, **values):
        return {
            "message_id": f"<m{number}@client.example>",
            "from": "customer@client.example",
            "to": ["seller@ourcompany.example"],
            "subject": f"Question {number}",
            "body_html": "<p>Hello</p><script>bad()</script>",
            "date": "2026-11-20 10:00:00",
            **values,
        }

    def messages_on(self, record):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("message_type", "=", "email"),
            ]
        )


@tagged("post_install", "-at_install")
class TestEmailBatch(EmailCase):
    def test_a_customer_mail_is_logged_once_notifying_nobody(self):
        run_id = self.begin_mail()
        results = self.push_mails(run_id, [self.mail(1)])
        self.assertEqual(results[0]["status"], "created")
        message = self.messages_on(self.customer)
        self.assertEqual(len(message), 1)
        self.assertNotIn("script", message.body)
        self.assertFalse(
            self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        )
        again = self.push_mails(run_id, [self.mail(1)])
        self.assertEqual(again[0]["status"], "duplicate")
        self.assertEqual(len(self.messages_on(self.customer)), 1)
        self.assertTrue(self.env["crm.sync.run"].browse(run_id).counts_add_up)

    def test_sent_mail_to_a_lead_lands_on_the_lead_and_replies_thread(self):
        run_id = self.begin_mail()
        sent = self.mail(
            2, **{"from": "seller@ourcompany.example", "to": ["prospect@lead.example"]}
        )
        self.push_mails(run_id, [sent])
        first = self.messages_on(self.lead)
        self.assertEqual(len(first), 1)
        reply = self.mail(
            3,
            **{"from": "prospect@lead.example", "to": ["seller@ourcompany.example"]},
            in_reply_to=sent["message_id"],
            references=[sent["message_id"]],
        )
        self.push_mails(run_id, [reply])
        answer = self.messages_on(self.lead) - first
        self.assertEqual(answer.parent_id, first)

    def test_rules_skip_auto_replies_internal_mail_and_the_never_log_list(self):
        run_id = self.begin_mail(email_never_log="secret.example\nlawyer@law.example")
        results = self.push_mails(
            run_id,
            [
                self.mail(4, auto_submitted=True),
                self.mail(
                    5, **{"from": "seller@ourcompany.example", "to": ["seller@ourcompany.example"]}
                ),
                self.mail(6, cc=["boss@secret.example"]),
                self.mail(7, **{"from": "lawyer@law.example"}),
            ],
        )
        self.assertEqual([r["status"] for r in results], ["skipped"] * 4)
        self.assertFalse(self.messages_on(self.customer))

    def test_unknown_senders_follow_the_source_policy(self):
        stranger = {"from": "stranger@new.example", "to": ["seller@ourcompany.example"]}
        run_id = self.begin_mail(email_log_scope="all", email_unknown_sender="lead")
        created = self.push_mails(run_id, [self.mail(8, **stranger)])[0]
        self.assertEqual(created["status"], "created")
        lead = self.env["crm.lead"].search([("email_from", "=", "stranger@new.example")])
        self.assertEqual(len(self.messages_on(lead)), 1)
        self.env["crm.sync.source"].search(
            [("name", "=", "mailbox")]
        ).email_unknown_sender = "dead_letter"
        other = {"from": "other@new2.example", "to": ["seller@ourcompany.example"]}
        self.assertEqual(self.push_mails(run_id, [self.mail(9, **other)])[0]["status"], "failed")
        self.assertTrue(
            self.env["crm.sync.dead.letter"].search([("external_id", "=", "<m9@client.example>")])
        )
        self.env["crm.sync.source"].search([("name", "=", "mailbox")]).email_log_scope = "customers"
        third = {"from": "third@new3.example", "to": ["seller@ourcompany.example"]}
        self.assertEqual(self.push_mails(run_id, [self.mail(10, **third)])[0]["status"], "skipped")

    def test_attachments_kept_or_listed(self):
        run_id = self.begin_mail(email_max_attachment_kb=1)
        small = {
            "name": "note.txt",
            "mimetype": "text/plain",
            "size": 5,
            "data": base64.b64encode(b"hello").decode(),
        }
        big = {
            "name": "scan.pdf",
            "mimetype": "application/pdf",
            "size": 25 * 1024 * 1024,
            "data": None,
        }
        self.push_mails(run_id, [self.mail(11, attachments=[small, big])])
        message = self.messages_on(self.customer)
        self.assertEqual(message.attachment_ids.mapped("name"), ["note.txt"])
        self.assertIn("scan.pdf", message.body)
        self.assertIn("25600 KB", message.body)

    def test_a_mail_without_message_id_is_a_dead_letter(self):
        run_id = self.begin_mail()
        results = self.push_mails(run_id, [self.mail(12, message_id=False), self.mail(13)])
        self.assertEqual([r["status"] for r in results], ["failed", "created"])

    def test_the_gateway_routes_by_alias_and_refuses_the_rest(self):
        """With the gateway on, Odoo's aliases decide: a mail to the leads alias becomes a
        lead; one no alias routes is a dead letter with the gateway's reason."""
        domain = self.env["mail.alias.domain"].create({"name": "sync-test.example"})
        self.env["mail.alias"].create(
            {
                "alias_name": "web-leads",
                "alias_domain_id": domain.id,
                "alias_model_id": self.env["ir.model"]._get_id("crm.lead"),
            }
        )
        run_id = self.begin_mail(email_use_gateway=True)

        def raw(number, to):
            text = (
                f"From: someone@new.example\r\nTo: {to}\r\nSubject: Gateway {number}\r\n"
                f"Message-ID: <gw{number}@new.example>\r\n\r\nPlease call\r\n"
            )
            return base64.b64encode(text.encode()).decode()

        routed = self.mail(
            20, message_id="<gw20@new.example>", raw=raw(20, "web-leads@sync-test.example")
        )
        lost = self.mail(
            21, message_id="<gw21@new.example>", raw=raw(21, "nobody@elsewhere.example")
        )
        results = self.push_mails(run_id, [routed, lost])
        self.assertEqual([r["status"] for r in results], ["created", "failed"])
        self.assertTrue(self.env["crm.lead"].search([("name", "=", "Gateway 20")]))
        letter = self.env["crm.sync.dead.letter"].search(
            [("external_id", "=", "<gw21@new.example>")]
        )
        self.assertIn("route", letter.reason.lower())
        self.assertEqual(self.push_mails(run_id, [routed])[0]["status"], "duplicate")
