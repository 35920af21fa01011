from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.roles import SuiteRolesCase

# What the company keeps about keeping in touch with a customer: never the customer's to
# read, though Odoo lets a portal user read their own partner.
INTERNAL_CONTACT_FIELDS = (
    "next_contact_date",
    "next_contact_means",
    "contact_count_month",
    "contact_promotional_count_month",
    "company_contact_count_month",
    "company_contact_promotional_count_month",
    "customer_wish_ids",
    "purchase_promise_ids",
)


@tagged("post_install", "-at_install")
class TestRolesContact(SuiteRolesCase):
    def test_portal_customer_cannot_read_how_we_keep_in_touch(self):
        """Portal customer A reads their own partner: not when we will call them next, how
        often we contacted them, nor what they told us (issue 23: internal fields carry
        groups=)."""
        own = self.portal_a.partner_id.with_user(self.portal_a)
        self.assertTrue(own.read(["name"]))
        for field_name in INTERNAL_CONTACT_FIELDS:
            with self.subTest(field=field_name), self.assertRaises(AccessError):
                own.read([field_name])

    def test_salesperson_reads_how_we_keep_in_touch(self):
        """A salesperson of company A reads all of it on company A's customer."""
        customer = self.customer_a.with_user(self.salesperson_own)
        self.assertTrue(customer.read(list(INTERNAL_CONTACT_FIELDS)))
