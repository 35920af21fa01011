from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerValueCase


@tagged("post_install", "-at_install")
class TestValueSecurity(CustomerValueCase):
    def test_salesman_reads_values_but_changes_nothing(self):
        customer = self.new_customer("Read me", user_id=self.salesman.id)
        self.invoice(customer, 1000)
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
