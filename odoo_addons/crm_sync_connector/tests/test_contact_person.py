from odoo.tests import tagged

from .common import SyncCase

FORM_PHONE = "+989121112233"


@tagged("post_install", "-at_install")
class TestContactPerson(SyncCase):
    """A form filled in by a company's contact person is that person's lead: linked to the
    person (Odoo gives the lead the company's name), with the email and phone the form
    gave, and neither the person nor the company changed (issue 28.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {
                "name": "Persepolis Furniture",
                "is_company": True,
                "email": "sales@persepolis.example",
                "phone": "+982100000000",
                "street": "Valiasr 1",
                "city": "Tehran",
            }
        )
        cls.parisa = cls.env["res.partner"].create(
            {
                "name": "Parisa",
                "parent_id": cls.company.id,
                "type": "contact",
                "email": "parisa@persepolis.example",
            }
        )

    def lead_of(self, record):
        result = self.push(self.begin(), [record])[0]
        self.assertEqual(result["status"], "created", result)
        return self.env["crm.lead"].browse(result["lead_id"])

    def assert_untouched(self):
        self.assertEqual(self.parisa.email, "parisa@persepolis.example")
        self.assertFalse(self.parisa.phone)
        self.assertEqual(self.company.email, "sales@persepolis.example")
        self.assertEqual(self.company.phone, "+982100000000")

    def test_the_persons_email_links_the_person_and_keeps_the_form(self):
        lead = self.lead_of(
            self.submission(
                1, contact_name="Parisa", email="Parisa@Persepolis.example", phone=FORM_PHONE
            )
        )
        self.assertEqual(lead.partner_id, self.parisa)
        self.assertEqual(lead.partner_id.commercial_partner_id, self.company)
        self.assertEqual(lead.email_from, "parisa@persepolis.example")
        self.assertEqual(lead.phone, FORM_PHONE)
        self.assertEqual(lead.partner_name, "Persepolis Furniture")
        self.assertEqual(lead.contact_name, "Parisa")
        self.assertEqual((lead.street, lead.city), ("Valiasr 1", "Tehran"))
        self.assert_untouched()

    def test_the_persons_phone_links_the_person_and_keeps_the_forms_email(self):
        self.parisa.phone = FORM_PHONE
        record = self.submission(2, contact_name="Parisa", email="parisa.home@example.com")
        record["phone"] = FORM_PHONE
        lead = self.lead_of(record)
        self.assertEqual(lead.partner_id, self.parisa)
        self.assertEqual(lead.email_from, "parisa.home@example.com")
        self.assertEqual(lead.phone, FORM_PHONE)
        self.assertEqual(self.parisa.email, "parisa@persepolis.example", "never written")
        self.assertEqual(lead.partner_name, "Persepolis Furniture")

    def test_a_form_with_the_email_only_takes_the_persons_phone(self):
        """What the form did not give, Odoo fills in from the person."""
        self.parisa.phone = "+989120001122"
        lead = self.lead_of(self.submission(3, email="parisa@persepolis.example", phone=""))
        self.assertEqual(lead.partner_id, self.parisa)
        self.assertEqual(lead.phone, "+989120001122")
        self.assertEqual(lead.email_from, "parisa@persepolis.example")

    def test_the_company_name_the_form_gave_is_kept(self):
        lead = self.lead_of(
            self.submission(4, email="parisa@persepolis.example", partner_name="Persepolis Co")
        )
        self.assertEqual(lead.partner_id, self.parisa)
        self.assertEqual(lead.partner_name, "Persepolis Co")

    def test_a_mail_from_the_person_is_authored_by_the_person(self):
        """A mail from a company's contact person is logged on the company's chatter, as
        before, with the person as its author, not the company (issue 28.2)."""
        session = self.Source.sync_begin("mailbox", "imap", "mail-worker")
        mail = {
            "message_id": "<parisa-1@persepolis.example>",
            "from": "parisa@persepolis.example",
            "to": ["seller@ourcompany.example"],
            "subject": "Our order",
            "body_html": "<p>Hello</p>",
            "date": "2026-11-20 10:00:00",
        }
        result = self.Source.sync_push_emails(session["run_id"], "mail-worker", [mail], [], None)[0]
        self.assertEqual(result["status"], "created", result)
        message = self.env["mail.message"].browse(result["message_id"])
        self.assertEqual((message.model, message.res_id), ("res.partner", self.company.id))
        self.assertEqual(message.author_id, self.parisa)
