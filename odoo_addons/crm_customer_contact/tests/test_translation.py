from odoo.tests import tagged

from .common import CustomerContactCase

ADDON = "crm_customer_contact"


# fa.po completeness: tests/test_addon_translations.py, for every addon.
@tagged("post_install", "-at_install")
class TestPersianTranslation(CustomerContactCase):
    def test_labels_read_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms([ADDON], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        label = fa["res.partner"].fields_get(["contact_count_month"])["contact_count_month"][
            "string"
        ]
        self.assertEqual(label, "تماس‌های این ماه")

    def test_promise_state_is_a_status_not_a_province(self):
        """'State' of a promise is its status (وضعیت), not a province (استان)."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms([ADDON], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        label = fa["crm.purchase.promise"].fields_get(["state"])["state"]["string"]
        self.assertEqual(label, "وضعیت")
