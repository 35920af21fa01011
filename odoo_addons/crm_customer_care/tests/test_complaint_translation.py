from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintPersian(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_customer_care"], ["fa_IR"])

    def test_process_reads_in_persian(self):
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        self.assertEqual(fa.ref("crm_customer_care.crm_complaint_stage_listening").name, "شنیدن")
        categories = dict(fa["crm.complaint"]._fields["category"]._description_selection(fa))
        self.assertEqual(categories["staff"], "کارکنان")
        label = fa["crm.complaint"].fields_get(["sla_deadline"])["sla_deadline"]["string"]
        self.assertEqual(label, "موعد وعده‌شده")

    def test_apology_email_in_the_customers_language(self):
        """A Persian-speaking customer gets the apology in Persian."""
        self.contact.lang = "fa_IR"
        complaint = self._complaint(user=self.handler)
        complaint.with_user(self.handler).stage_id = self.stage_resolved
        apology = complaint.message_ids.filtered(lambda m: complaint.name in (m.subject or ""))
        self.assertEqual(len(apology), 1)
        self.assertIn("پوزش", apology.subject)
        self.assertIn("پیگیری", apology.body)
