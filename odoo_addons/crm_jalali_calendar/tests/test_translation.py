from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslation(TransactionCase):
    def test_persian_labels(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_jalali_calendar"], ["fa_IR"])
        fa = self.env["res.lang"].with_context(lang="fa_IR")
        self.assertEqual(
            fa.fields_get(["jalali_calendar"])["jalali_calendar"]["string"], "تقویم جلالی"
        )
