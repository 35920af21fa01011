from odoo.tests import tagged

from .common import CustomerFeedbackCase

ADDON = "crm_customer_feedback"


# fa.po completeness: tests/test_addon_translations.py, for every addon.
@tagged("post_install", "-at_install")
class TestPersianTranslation(CustomerFeedbackCase):
    def test_labels_read_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms([ADDON], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        fields_info = fa["survey.survey"].fields_get(["satisfaction_question_id"])
        self.assertEqual(fields_info["satisfaction_question_id"]["string"], "پرسش رضایت")
