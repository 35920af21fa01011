from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerValueCase


@tagged("post_install", "-at_install")
class TestValueSecurity(CustomerValueCase):
    def test_salesman_reads_values_but_changes_nothing(self):
        customer = self.new_customer("Read me", user_id=self.salesman.id)
        self.invoice(customer, 1000)
        self.run_value_cron()
        value = self.value_of(customer).with_user(self.salesman)
        self.assertTrue(value.clv_amount)
        self.assertTrue(customer.with_user(self.salesman).value_tier_id)
        with self.assertRaises(AccessError):
            value.write({"clv_amount": 1})
        with self.assertRaises(AccessError):
            self.tiers["gold"].with_user(self.salesman).write({"customer_share": 1})

    def test_manager_changes_the_tiers(self):
        self.tiers["gold"].with_user(self.sales_manager).write({"customer_share": 5})
        self.assertEqual(self.tiers["gold"].customer_share, 5)

    def test_values_of_another_company_are_hidden(self):
        company_2 = self.setup_other_company(name="Hidden Co")["company"]
        customer = self.new_customer("Elsewhere")
        self.invoice(customer, 1000, company=company_2)
        self.recompute(company_2)
        hidden = (
            self.env["crm.customer.value"]
            .with_user(self.salesman)
            .search([("partner_id", "=", customer.id)])
        )
        self.assertFalse(hidden)

    def test_other_users_cannot_read_values(self):
        """Lifetime value is for sales staff: a plain internal user gets no access."""
        from odoo.addons.mail.tests.common import mail_new_test_user

        clerk = mail_new_test_user(self.env, login="value_clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["crm.customer.value"].with_user(clerk).search([])

    def test_plain_internal_user_reads_no_value_field(self):
        """value_recency_days and value_frequency_score had no groups and were computed
        with sudo: any internal user read them. Every partner field of this addon is now
        for sales staff only."""
        from odoo.addons.mail.tests.common import mail_new_test_user

        clerk = mail_new_test_user(self.env, login="value_clerk_2", groups="base.group_user")
        customer = self.new_customer("Secret", user_id=self.salesman.id)
        self.invoice(customer, 1000)
        self.recompute()
        ours = (
            self.env["ir.model.fields"]
            .search([("model", "=", "res.partner")])
            .filtered(lambda field: "crm_customer_value" in field.modules)
        )
        self.assertIn("value_recency_days", ours.mapped("name"))
        visible = self.env["res.partner"].with_user(clerk).fields_get()
        self.assertFalse(set(ours.mapped("name")) & set(visible))
        for name in ("value_recency_days", "value_frequency_score"):
            with self.assertRaises(AccessError):
                customer.with_user(clerk).read([name])
        self.assertEqual(customer.with_user(self.salesman).value_frequency_score, 1)
