from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPredictionPersian(TransactionCase):
    def test_prediction_reads_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_customer_value_prediction"], ["fa_IR"]
        )
        fa = self.env(context=dict(self.env.context, lang="fa_IR"))
        fields = fa["res.partner"].fields_get(["value_alive_status", "value_predicted_clv"])
        self.assertEqual(fields["value_predicted_clv"]["string"], "ارزش طول عمر پیش‌بینی‌شده")
        self.assertIn(("at_risk", "در معرض ریزش"), fields["value_alive_status"]["selection"])
        action = fa.ref("crm_customer_value_prediction.crm_customer_value_action_at_risk")
        self.assertEqual(action.name, "مشتریان ارزشمند در معرض ریزش")
