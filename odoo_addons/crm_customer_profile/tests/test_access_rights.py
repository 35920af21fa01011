from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestAccessRights(CustomerProfileCase):
    def test_salesman_sets_a_customer_profile(self):
        customer = self.customer.with_user(self.salesman)
        customer.write(
            {
                "customer_style_id": self.style_skeptical.id,
                "decision_basis_id": self.basis_rational.id,
                "satisfaction_level": "happy",
            }
        )
        customer.record_satisfaction("satisfied", source="other", note="call")
        self.assertEqual(self.customer.satisfaction_level, "satisfied")
        self.assertEqual(self.customer.customer_style_id, self.style_skeptical)

    def test_salesman_cannot_change_the_catalogues(self):
        """Styles and decision bases are the manager's; salespeople only read them."""
        style = self.style_skeptical.with_user(self.salesman)
        self.assertTrue(style.advice)
        with self.assertRaises(AccessError):
            style.write({"advice": "Ignore them."})
        with self.assertRaises(AccessError):
            self.env["crm.customer.style"].with_user(self.salesman).create(
                {"name": "New", "code": "new", "advice": "x"}
            )
        with self.assertRaises(AccessError):
            self.basis_rational.with_user(self.salesman).unlink()

    def test_salesman_cannot_rewrite_satisfaction_history(self):
        entry = self.customer.record_satisfaction("angry")
        with self.assertRaises(AccessError):
            entry.with_user(self.salesman).write({"level": "happy"})
        with self.assertRaises(AccessError):
            entry.with_user(self.salesman).unlink()

    def test_manager_edits_the_catalogues(self):
        self.style_skeptical.with_user(self.sales_manager).write({"advice": "Ask what is missing."})
        basis = (
            self.env["crm.decision.basis"]
            .with_user(self.sales_manager)
            .create({"name": "Habitual", "code": "habitual", "advice": "Keep it familiar."})
        )
        self.assertTrue(basis.exists())

    def test_satisfaction_of_another_company_is_hidden(self):
        """Record rule: an entry of company B is invisible to a user of company A only."""
        other_company = self.env["res.company"].create({"name": "Other Co"})
        entry = self.env["crm.satisfaction.entry"].create(
            {"partner_id": self.customer.id, "level": "angry", "company_id": other_company.id}
        )
        visible = (
            self.env["crm.satisfaction.entry"]
            .with_user(self.salesman)
            .search([("id", "=", entry.id)])
        )
        self.assertFalse(visible)
        with self.assertRaises(AccessError):
            entry.with_user(self.salesman).read(["level"])
