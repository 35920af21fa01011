from pathlib import Path

from odoo.tests import tagged

from .common import CustomerFeedbackCase

ADDON = "crm_customer_feedback"


@tagged("post_install", "-at_install")
class TestPersianTranslation(CustomerFeedbackCase):
    def test_fa_po_complete(self):
        """Every msgid of the Persian catalogue has a translation."""
        po = (Path(__file__).parents[1] / "i18n" / "fa.po").read_text(encoding="utf-8")
        entries = po.split("\n\n")[1:]
        empty = [e for e in entries if e.rstrip().endswith('msgstr ""')]
        self.assertFalse(empty, "untranslated entries in fa.po")

    def test_labels_read_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms([ADDON], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        fields_info = fa["survey.survey"].fields_get(["satisfaction_question_id"])
        self.assertEqual(fields_info["satisfaction_question_id"]["string"], "پرسش رضایت")
