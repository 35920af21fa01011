"""What comes from outside (mail alias, portal form) is not trusted as is (issue 23)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCase

RAW = """Return-Path: <{sender}>
From: {sender_name} <{sender}>
To: care-input@care.example.com
Subject: {subject}
Message-ID: {msg_id}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The legs were broken.
"""
RLO = "\u202e"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@tagged("post_install", "-at_install")
class TestComplaintInput(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].search([("name", "=", "care.example.com")])
        cls.alias_domain = domain or cls.env["mail.alias.domain"].create(
            {"name": "care.example.com", "bounce_alias": "bounce", "catchall_alias": "catchall"}
        )
        cls.team.write({"alias_name": "care-input", "alias_domain_id": cls.alias_domain.id})
        cls.customer.record_satisfaction("happy", source="manual")

    def _mail(self, msg_id, subject="Broken legs", sender=None, sender_name="Parisa Tehrani"):
        raw = RAW.format(
            sender=sender or self.contact.email,
            sender_name=sender_name,
            subject=subject,
            msg_id=msg_id,
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            res_id = self.env["mail.thread"].message_process(False, raw.encode())
        return self.env["crm.complaint"].browse(res_id)

    # ------------------------------------------------------------------ defect 6: the number

    def test_mail_subject_does_not_number_the_complaint(self):
        """An outside sender mails the alias with an existing complaint's number as subject:
        the new complaint is numbered by the sequence, the subject stays a subject."""
        existing = self._complaint(user=self.handler)
        complaint = self._mail("<n1@outside.example>", subject=existing.name)
        self.assertNotEqual(complaint.name, existing.name)
        self.assertTrue(complaint.name.startswith(existing.name.rsplit("/", 1)[0]))
        self.assertEqual(complaint.subject, existing.name)
        self.assertEqual(self.env["crm.complaint"].search_count([("name", "=", existing.name)]), 1)

    def test_handler_cannot_choose_the_number(self):
        """handler creates a complaint with a number of their choice, then rewrites it:
        the number stays the sequence's."""
        existing = self._complaint()
        complaint = self._complaint(user=self.handler, name=existing.name)
        self.assertNotEqual(complaint.name, existing.name)
        number = complaint.name
        complaint.with_user(self.handler).write({"name": existing.name})
        self.assertEqual(complaint.name, number)

    # ------------------------------------------------------------------ defect 6: the sender

    def test_spoofed_sender_does_not_lower_satisfaction(self):
        """An outside sender forges a happy customer's From: the complaint records the
        claimed contact, but the customer's satisfaction stays until handler confirms."""
        complaint = self._mail("<s1@outside.example>")
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertFalse(complaint.customer_confirmed)
        self.assertEqual(self.customer.satisfaction_level, "happy")
        # Changing the contact is not a confirmation either.
        complaint.with_user(self.manager).write({"partner_id": self.customer.id})
        self.assertEqual(self.customer.satisfaction_level, "happy")

        complaint.with_user(self.manager).action_confirm_customer()
        self.assertTrue(complaint.customer_confirmed)
        self.assertEqual(self.customer.satisfaction_level, "dissatisfied")
        self.assertEqual(self.customer.satisfaction_entry_ids[:1].source, "complaint")

    def test_complaint_registered_by_handler_counts_at_once(self):
        """handler registers a complaint for the customer on the phone: confirmed, and the
        customer's satisfaction drops at once."""
        complaint = self._complaint(user=self.handler)
        self.assertTrue(complaint.customer_confirmed)
        self.assertEqual(self.customer.satisfaction_level, "dissatisfied")

    def test_portal_customer_cannot_confirm(self):
        """A portal customer confirms an email complaint of their company: refused."""
        complaint = self._mail("<s2@outside.example>")
        portal = self.env["res.users"].create(
            {
                "name": "Parisa Portal",
                "login": "input_portal",
                "partner_id": self.contact.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            complaint.with_user(portal).action_confirm_customer()
        self.assertEqual(self.customer.satisfaction_level, "happy")

    # ------------------------------------------------------------------ defect 12: bidi

    def test_bidi_controls_are_removed_from_mailed_subject_and_sender(self):
        """An outside sender mails a subject that displays as "...exe.png" and a name with
        isolate controls: the complaint keeps the words, without the controls."""
        subject = f"Invoice {RLO}gnp.exe"
        complaint = self._mail(
            "<b1@outside.example>",
            subject=subject,
            sender="nobody@elsewhere.example",
            sender_name="\u2067Mallory\u2069",
        )
        self.assertEqual(complaint.subject, "Invoice gnp.exe")
        self.assertNotIn(RLO, complaint.name)
        self.assertFalse(set(complaint.email_from) & set(BIDI_CONTROLS))
        partner = self.env["res.partner"]._find_or_create_from_emails([complaint.email_from])[0]
        self.assertEqual(partner.name, "Mallory")

    def test_bidi_controls_are_removed_when_handler_types_them(self):
        """handler pastes a subject with override controls, then rewrites it: removed, but
        the marks Persian needs (ZWNJ, RLM, LRM) stay."""
        persian = "می\u200cخواهم\u200f \u200eSKU-12"
        complaint = self._complaint(user=self.handler, subject=f"{persian}\u202b\u202c")
        self.assertEqual(complaint.subject, persian)
        complaint.with_user(self.handler).write({"subject": f"\u2066{persian}\u2069"})
        self.assertEqual(complaint.subject, persian)

    def test_strip_bidi_controls(self):
        """The one function: every override and isolate control goes, nothing else."""
        from odoo.addons.crm_customer_profile.tools.outside_text import (
            strip_bidi_controls,
        )

        self.assertEqual(strip_bidi_controls(f"a{BIDI_CONTROLS}b"), "ab")
        self.assertEqual(strip_bidi_controls("\u200c\u200e\u200f"), "\u200c\u200e\u200f")
        self.assertFalse(strip_bidi_controls(False))
