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
