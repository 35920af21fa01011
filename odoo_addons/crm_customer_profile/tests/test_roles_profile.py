"""Who reads a customer's profile (issue 23): employees do, the customer does not."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .roles import PARTNER_PROFILE_FIELDS as PROFILE_FIELDS
from .roles import SuiteRolesCase


@tagged("post_install", "-at_install")
class TestRolesProfile(SuiteRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write(
            {
                "customer_style_id": cls.env["crm.customer.style"].search([], limit=1).id,
                "satisfaction_level": "angry",
            }
        )

    def test_portal_customer_cannot_read_own_profile(self):
        """portal_a reads the profile fields of their own contact and of their company over
        JSON-RPC: refused, field by field; their name stays readable."""
        for partner in (self.portal_a.partner_id, self.customer_a):
            partner = partner.with_user(self.portal_a)
            self.assertTrue(partner.read(["name", "email"]))
            for name in PROFILE_FIELDS:
                with (
                    self.subTest(partner=partner.name, field=name),
                    self.assertRaises(AccessError),
                ):
                    partner.read([name])
            readable = partner.check_field_access_rights("read", None)
            self.assertFalse(set(PROFILE_FIELDS) & set(readable))

    def test_portal_customer_cannot_search_on_profile(self):
        """portal_a searches partners by satisfaction (to learn their own): refused."""
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.portal_a).search(
                [("satisfaction_level", "=", "angry")]
            )

    def test_internal_user_reads_profile(self):
        """internal (an employee without sales rights) reads the profile, to treat the
        customer well."""
        values = self.customer_a.with_user(self.internal).read(
            ["satisfaction_level", "customer_style_id", "treatment_advice"]
        )[0]
        self.assertEqual(values["satisfaction_level"], "angry")
        self.assertTrue(values["treatment_advice"])

    def test_entry_company_is_the_one_given(self):
        """manager_b records satisfaction for a customer shared by both companies, on
        behalf of company B while company A is current: the entry is company B's."""
        shared = self.env["res.partner"].create({"name": "Shared", "is_company": True})
        self.manager_b.write({"company_ids": [(4, self.company_a.id)]})
        both = [self.company_a.id, self.company_b.id]  # A current, B also selected
        shared = shared.with_user(self.manager_b).with_context(allowed_company_ids=both)
        entry = shared.record_satisfaction("happy", source="other", company=self.company_b)
        self.assertEqual(entry.company_id, self.company_b)
        entry = shared.record_satisfaction("happy", source="other")
        self.assertEqual(entry.company_id, self.company_a)
