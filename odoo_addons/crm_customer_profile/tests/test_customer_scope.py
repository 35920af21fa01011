from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestCustomerScope(CustomerProfileCase):
    def test_staff_are_internal_customers(self):
        """Internal users' partners and contacts filed under the company are internal."""
        self.assertEqual(self.salesman.partner_id.customer_scope, "internal")
        colleague = self.env["res.partner"].create(
            {"name": "Colleague", "parent_id": self.env.company.partner_id.id}
        )
        self.assertEqual(colleague.customer_scope, "internal")
        self.assertEqual(self.env.company.partner_id.customer_scope, "internal")

    def test_everyone_else_is_external(self):
        self.assertEqual(self.customer.customer_scope, "external")
        portal = self.env["res.users"].create(
            {
                "name": "Portal Customer",
                "login": "portal_scope",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.assertEqual(portal.partner_id.customer_scope, "external")

    def test_becoming_a_user_makes_the_partner_internal(self):
        """The scope follows the partner's users, without any manual step."""
        self.env["res.users"].create(
            {"name": "New hire", "login": "new_hire", "partner_id": self.customer.id}
        )
        self.assertEqual(self.customer.customer_scope, "internal")

    def test_manual_override_is_kept(self):
        self.customer.customer_scope = "internal"
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.customer_scope, "internal")

    def test_company_created_after_install_is_internal(self):
        """A company created after install kept its partner "external": the scope now
        follows res.company creation and a change of its partner."""
        admin = mail_new_test_user(
            self.env,
            login="scope_admin",
            groups="base.group_user,base.group_partner_manager,base.group_erp_manager,base.group_system",
        )
        company = self.env["res.company"].with_user(admin).create({"name": "Branch Co"})
        self.assertEqual(company.partner_id.customer_scope, "internal")
        outsider = self.env["res.partner"].create({"name": "Was outside", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Its staff", "parent_id": outsider.id})
        self.assertEqual(contact.customer_scope, "external")
        old_partner = company.partner_id
        company.with_user(admin).partner_id = outsider
        self.assertEqual(outsider.customer_scope, "internal")
        self.assertEqual(contact.customer_scope, "internal")
        self.assertEqual(old_partner.customer_scope, "external")
