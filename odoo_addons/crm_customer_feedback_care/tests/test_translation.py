from pathlib import Path

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPersianTranslation(TransactionCase):
    def test_fa_po_complete(self):
        """Every msgid of the Persian catalogue has a translation."""
        po = (Path(__file__).parents[1] / "i18n" / "fa.po").read_text(encoding="utf-8")
        entries = po.split("\n\n")[1:]
        self.assertTrue(entries)
        self.assertFalse([e for e in entries if e.rstrip().endswith('msgstr ""')])

    def test_trigger_reads_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_feedback_care"], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        triggers = dict(
            fa["crm.feedback.invitation.rule"]._fields["trigger"]._description_selection(fa)
        )
        self.assertEqual(triggers["complaint"], "چند روز پس از بسته شدن شکایت")
