from odoo.tests import TransactionCase, tagged

from .common import CustomerValueCase


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


@tagged("post_install", "-at_install")
class TestTierNewsInReadersLanguage(CustomerValueCase):
    """Regression: the chatter line and the drop activity of a tier move were written in
    the language of whoever ran the recompute (the cron: English), not the reader's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_customer_value"], ["fa_IR"])
        cls.salesman.lang = "fa_IR"

    def test_persian_salesperson_reads_persian(self):
        self.company.value_tier_method = "threshold"
        self.tiers["gold"].min_lifetime_value = 5000
        self.tiers["silver"].min_lifetime_value = 2000
        customer = self.new_customer("Persian reader", user_id=self.salesman.id)
        self.invoice(customer, 5000)
        self.run_value_cron()
        self.invoice(customer, 3000, move_type="out_refund")
        self.run_value_cron()
        body = customer.message_ids[0].body
        self.assertIn("سطح ارزش در", body)
        self.assertIn("طلایی", body)
        self.assertNotIn("Value tier", body)
        activity = customer.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("crm_customer_value.mail_activity_type_tier_drop")
            )
        )
        self.assertIn("سطح ارزش در", activity.summary)
