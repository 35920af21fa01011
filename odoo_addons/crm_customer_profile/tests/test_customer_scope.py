from odoo.tests import tagged

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
