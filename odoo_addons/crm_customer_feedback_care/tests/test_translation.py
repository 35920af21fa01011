from odoo.tests import TransactionCase, tagged


# fa.po completeness: tests/test_addon_translations.py, for every addon.
@tagged("post_install", "-at_install")
class TestPersianTranslation(TransactionCase):
    def test_trigger_reads_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_feedback_care"], ["fa_IR"])
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        triggers = dict(
            fa["crm.feedback.invitation.rule"]._fields["trigger"]._description_selection(fa)
        )
        self.assertEqual(triggers["complaint"], "چند روز پس از بسته شدن شکایت")
