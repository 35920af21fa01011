from odoo.tests import Form, tagged

from odoo.addons.crm_customer_profile.tests.common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestSaleWarning(CustomerProfileCase):
    def test_order_of_an_angry_customer_warns_the_seller(self):
        """The warning follows the commercial partner, so a contact of an angry company warns."""
        company = self.env["res.partner"].create({"name": "Angry Co", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": company.id})
        order = self.env["sale.order"].with_user(self.salesman).create({"partner_id": contact.id})
        self.assertFalse(order.partner_satisfaction_warning)
        company.record_satisfaction("angry", source="complaint")
        self.assertTrue(order.partner_satisfaction_warning)
        self.assertEqual(order.partner_satisfaction_level, "angry")
        self.assertTrue(Form(order.with_user(self.salesman)).partner_satisfaction_warning)
        arch = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn("partner_satisfaction_warning", arch)

    def test_order_shows_how_to_treat_the_customer(self):
        self.customer.customer_style_id = self.style_bargain
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertIn(self.style_bargain.advice, order.partner_treatment_advice)

    def test_record_satisfaction_from_the_order(self):
        """The order's header has "Record Satisfaction"; the entry lands on the commercial
        entity, so the order's own warning shows at once."""
        company = self.env["res.partner"].create({"name": "Order Co", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Orderer", "parent_id": company.id})
        order = self.env["sale.order"].with_user(self.salesman).create({"partner_id": contact.id})
        action = self.env.ref("crm_customer_profile.crm_satisfaction_record_action")
        arch = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn(str(action.id), arch)
        self.env["crm.satisfaction.record"].with_user(self.salesman).with_context(
            default_partner_id=order.partner_id.id
        ).create({"level": "angry", "source": "complaint", "note": "Wrong size"}).action_record()
        self.assertEqual(company.satisfaction_entry_ids.note, "Wrong size")
        self.assertTrue(order.partner_satisfaction_warning)
        self.assertEqual(order.partner_satisfaction_level, "angry")
