from odoo.tests import tagged

from .common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestPersianTranslation(CustomerProfileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_customer_profile"], ["fa_IR"])

    def test_catalogue_and_labels_read_in_persian(self):
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        style = fa.ref("crm_customer_profile.crm_customer_style_skeptical")
        self.assertEqual(style.name, "شکاک")
        self.assertEqual(fa.ref("crm_customer_profile.crm_decision_basis_emotional").name, "احساسی")
        levels = dict(fa["res.partner"]._fields["satisfaction_level"]._description_selection(fa))
        self.assertEqual(levels["delighted"], "شیفته")
        self.assertEqual(levels["angry"], "خشمگین")
        label = fa["res.partner"].fields_get(["customer_style_id"])["customer_style_id"]["string"]
        self.assertEqual(label, "سبک رفتاری")
