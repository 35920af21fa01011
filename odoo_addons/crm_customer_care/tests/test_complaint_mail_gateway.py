from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCase

RAW = """Return-Path: <{sender}>
From: Parisa Tehrani <{sender}>
To: {to}
Subject: {subject}
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

{body}
"""


@tagged("post_install", "-at_install")
class TestComplaintMailGateway(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].search([("name", "=", "care.example.com")])
        cls.alias_domain = domain or cls.env["mail.alias.domain"].create(
            {"name": "care.example.com", "bounce_alias": "bounce", "catchall_alias": "catchall"}
        )
        cls.team.write({"alias_name": "care-complaints", "alias_domain_id": cls.alias_domain.id})

    def _process(self, **values):
        raw = RAW.format(
            sender=values.get("sender", self.contact.email),
            to=values.get("to", "care-complaints@care.example.com"),
            subject=values.get("subject", "Wrong colour delivered"),
            msg_id=values["msg_id"],
            extra=values.get("extra", ""),
            body=values.get("body", "We ordered walnut and got white oak."),
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            return self.env["mail.thread"].message_process(False, raw.encode())

    def test_mail_to_alias_creates_complaint_matched_by_sender(self):
        res_id = self._process(msg_id="<c1@customer.example>")
        complaint = self.env["crm.complaint"].browse(res_id)
        self.assertEqual(complaint.subject, "Wrong colour delivered")
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.channel, "email")
        self.assertIn("walnut", complaint.description)
        # The reply lands on the same complaint, not a new one.
        before = self.env["crm.complaint"].search_count([])
        self._process(
            msg_id="<c2@customer.example>",
            subject="Re: Wrong colour delivered",
            body="Any news?",
            extra="In-Reply-To: <c1@customer.example>\nReferences: <c1@customer.example>\n",
        )
        self.assertEqual(self.env["crm.complaint"].search_count([]), before)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "Any news?" in (m.body or "")))

    def test_unknown_sender_keeps_address(self):
        res_id = self._process(msg_id="<c3@stranger.example>", sender="stranger@elsewhere.example")
        complaint = self.env["crm.complaint"].browse(res_id)
        self.assertFalse(complaint.partner_id)
        self.assertIn("stranger@elsewhere.example", complaint.email_from)
