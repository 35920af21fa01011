from odoo.api import call_kw
from odoo.tests import tagged

from .common import SyncCase

FSI, PDI = "\u2068", "\u2069"
BAD_EMAIL = {
    "code": "email_invalid",
    "params": {"value": "sara@"},
    "detail": "the email address 'sara@' is not valid: There must be something after the @-sign.",
}


def persian(text):
    return any("\u0600" <= char <= "\u06ff" for char in text)


@tagged("post_install", "-at_install")
class TestLeadNotes(SyncCase):
    """What a form got wrong beside a way to reach the person (a wrong email beside a good
    phone) comes from the worker as codes, and is written on the lead in the language of
    the people who read it: the language of the company the lead is in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_sync_connector"], ["fa_IR"])

    def reading(self, lang):
        self.env.company.partner_id.lang = lang
        # the language the worker's calls run in is not the readers': make it the other one
        self.Source = self.Source.with_context(lang="en_US" if lang == "fa_IR" else "fa_IR")

    def lead_of(self, record):
        result = self.push(self.begin(), [record])[0]
        self.assertIn(result["status"], ("created", "updated"), result)
        return self.env["crm.lead"].browse(result["lead_id"])

    def test_the_worker_asks_whether_notes_are_rendered(self):
        """What crm_sync/pipeline.py asks over RPC, as the integration user."""
        importer = self.env["crm.sync.lead.import"].with_user(self.integration)
        self.assertEqual(call_kw(importer, "sync_lead_capabilities", [], {}), {"notes": True})

    def test_a_note_reads_in_persian_for_a_persian_company(self):
        self.reading("fa_IR")
        lead = self.lead_of(self.submission(1, email="", notes=[BAD_EMAIL]))
        description = str(lead.description)
        self.assertTrue(description.startswith("<p>Please call me</p><p>"), description)
        self.assertIn(f"نشانی ایمیل {FSI}sara@{PDI} معتبر نیست.", description)
        self.assertNotIn("is not valid", description)
        self.assertEqual(description.count("<p>"), 2, "one paragraph per note")

    def test_a_note_reads_in_english_for_an_english_company(self):
        self.reading("en_US")
        lead = self.lead_of(self.submission(2, email="", notes=[BAD_EMAIL]))
        description = str(lead.description)
        self.assertIn(f"<p>The email address {FSI}sara@{PDI} is not valid.</p>", description)
        self.assertFalse(persian(description), description)

    def test_a_known_customers_lead_keeps_the_forms_phone_and_its_notes(self):
        """The phone the form gave stays on the lead (issue 28.2), the customer's is not
        changed, and the form's notes read in the readers' language."""
        self.reading("fa_IR")
        customer = self.env["res.partner"].create(
            {"name": "Known", "email": "known@example.com", "phone": "+989120000001"}
        )
        record = self.submission(3, email="known@example.com", phone="+989129999999")
        record["notes"] = [
            {"code": "phone_invalid", "params": {"value": "12", "region": "IR"}, "detail": "x"}
        ]
        lead = self.lead_of(record)
        self.assertEqual(lead.partner_id, customer)
        description = str(lead.description)
        iran = self.env.ref("base.ir").with_context(lang="fa_IR").name
        self.assertIn(f"شماره تلفن {FSI}12{PDI}", description)
        self.assertIn(f"{FSI}{iran}{PDI}", description)
        self.assertEqual(lead.phone, "+989129999999")
        self.assertEqual(customer.phone, "+989120000001")

    def test_a_note_on_an_open_lead_is_appended_with_the_message(self):
        self.reading("fa_IR")
        lead = self.lead_of(self.submission(4))
        again = self.submission(
            5,
            email=lead.email_from,
            description=False,
            notes=[{"code": "phone_unreadable", "params": {"value": "abc"}, "detail": "x"}],
        )
        self.assertEqual(self.lead_of(again), lead)
        description = str(lead.description)
        self.assertRegex(description, r"<hr\s*/?>")
        self.assertIn(f"شماره تلفن {FSI}abc{PDI} را نمی‌توان شماره تلفن خواند.", description)

    def test_a_note_this_addon_cannot_render_keeps_the_workers_english(self):
        """A code added to the worker after this addon, or one missing a parameter, reads
        the worker's English text; a note without one reads as it came: none is lost."""
        self.reading("fa_IR")
        notes = [
            {"code": "email_typo", "params": {"value": "a@gmial.com"},
             "detail": "the email address 'a@gmial.com' looks mistyped"},
            {"code": "email_invalid", "params": {}, "detail": "the email address 'b@' is wrong."},
            {"code": "phone_odd", "params": {"value": "<b>0912</b>"}},
            "the phone number <i>is</i> odd",
        ]  # fmt: skip
        description = str(self.lead_of(self.submission(6, email="", notes=notes)).description)
        self.assertIn("<p>The email address 'a@gmial.com' looks mistyped.</p>", description)
        self.assertIn("<p>The email address 'b@' is wrong.</p>", description)
        self.assertIn("phone_odd", description)
        self.assertIn("&lt;b&gt;0912&lt;/b&gt;", description, "escaped, never markup")
        self.assertIn("<p>The phone number &lt;i&gt;is&lt;/i&gt; odd.</p>", description)
        self.assertEqual(description.count("<p>"), 5)

    def test_a_record_without_notes_keeps_its_description(self):
        self.reading("fa_IR")
        lead = self.lead_of(self.submission(7))
        self.assertEqual(str(lead.description), "<p>Please call me</p>")
