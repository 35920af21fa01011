from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestValuePersian(TransactionCase):
    def test_pyramid_reads_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_value"], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        self.assertEqual(fa.ref("crm_customer_value.crm_value_tier_lead").name, "قلعی")
        self.assertEqual(fa.ref("crm_customer_value.crm_value_tier_platinum").name, "پلاتینی")
        label = fa["res.partner"].fields_get(["clv_amount"])["clv_amount"]["string"]
        self.assertEqual(label, "ارزش طول عمر")
