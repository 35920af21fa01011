from odoo.tests import tagged

from .common import CustomerContactCase


@tagged("post_install", "-at_install")
class TestCompanyContactCount(CustomerContactCase):
    """A customer company is counted and limited as a whole, with all its contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm = cls.env["res.partner"].create(
            {"name": "Sara Trading", "is_company": True, "email": "info@sara.example.com"}
        )
        cls.ali, cls.reza = cls.env["res.partner"].create(
            [
                {"name": "Ali", "parent_id": cls.firm.id, "email": "ali@sara.example.com"},
                {"name": "Reza", "parent_id": cls.firm.id, "email": "reza@sara.example.com"},
            ]
        )
        cls._past_mailing_to(cls.ali)
        cls._past_mailing_to(cls.reza)

    def test_company_sums_its_contacts(self):
        firm = self.firm.with_user(self.salesman)
        self.assertEqual(firm.contact_count_month, 2)
        self.assertEqual(firm.contact_promotional_count_month, 2)
        ali = self.ali.with_user(self.salesman)
        self.assertEqual(ali.contact_count_month, 1, "a contact still shows their own count")
        self.assertEqual(ali.company_contact_promotional_count_month, 2)

    def test_limit_applies_to_the_customer_company(self):
        """Limit 2: Ali and Reza had one mailing each, so the company had two: none of its
        people gets a third, while another customer still does."""
        refusals = (self.firm | self.ali | self.reza | self.kaveh)._contact_policy_refusals()
        self.assertIn(self.ali.id, refusals)
        self.assertIn(self.reza.id, refusals)
        self.assertIn(self.firm.id, refusals)
        self.assertNotIn(self.kaveh.id, refusals)
        self.assertIn("Sara Trading", refusals[self.ali.id])

    def test_mailing_to_company_contacts_held_back(self):
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.manager)
            .create(
                {
                    "subject": "Autumn offers",
                    "body_html": "<p>Offers</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", (self.ali | self.kaveh).ids)]),
                }
            )
        )
        self.assertEqual(mailing._get_remaining_recipients(), self.kaveh.ids)
