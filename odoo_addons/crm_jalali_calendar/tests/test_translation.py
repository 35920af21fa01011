from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

I18N = Path(__file__).parent.parent / "i18n"


@tagged("post_install", "-at_install")
class TestTranslation(TransactionCase):
    def test_every_persian_msgstr_is_filled(self):
        """fa.po translates every message of the .pot."""

        fa = polib.pofile(str(I18N / "fa.po"))
        pot = polib.pofile(str(I18N / "crm_jalali_calendar.pot"))
        self.assertFalse([e.msgid for e in fa if not e.msgstr and not e.obsolete])
        self.assertEqual({e.msgid for e in pot}, {e.msgid for e in fa if not e.obsolete})

    def test_persian_labels(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_jalali_calendar"], ["fa_IR"])
        fa = self.env["res.lang"].with_context(lang="fa_IR")
        self.assertEqual(
            fa.fields_get(["jalali_calendar"])["jalali_calendar"]["string"], "تقویم جلالی"
        )
