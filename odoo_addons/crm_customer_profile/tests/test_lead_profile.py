from odoo.tests import Form, tagged

from .common import CustomerProfileCase


@tagged("post_install", "-at_install")
class TestLeadProfile(CustomerProfileCase):
    def _new_lead(self, **values):
        values = {"name": "Web form: 3 desks", "type": "lead", **values}
        return self.env["crm.lead"].with_user(self.salesman).create(values)

    def _convert(self, lead, action="create", partner=False):
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.salesman)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({"name": "convert", "action": action, "partner_id": partner and partner.id})
        )
        wizard.action_apply()

    def test_profile_is_carried_to_the_new_customer_on_conversion(self):
        """What the seller learnt on the lead lands on the partner the conversion creates."""
        lead = self._new_lead(
            contact_name="Kaveh Lead",
            email_from="kaveh@example.com",
            customer_style_id=self.style_skeptical.id,
            decision_basis_id=self.basis_conventional.id,
        )
        self._convert(lead)
        self.assertTrue(lead.partner_id)
        self.assertEqual(lead.partner_id.customer_style_id, self.style_skeptical)
        self.assertEqual(lead.partner_id.decision_basis_id, self.basis_conventional)

    def test_conversion_to_an_existing_customer_keeps_its_profile(self):
        self.customer.customer_style_id = self.style_bargain
        lead = self._new_lead(
            customer_style_id=self.style_skeptical.id, decision_basis_id=self.basis_rational.id
        )
        self._convert(lead, action="exist", partner=self.customer)
        self.assertEqual(self.customer.customer_style_id, self.style_bargain)
        # the gap (no decision basis yet) is filled from the lead
        self.assertEqual(self.customer.decision_basis_id, self.basis_rational)

    def test_lead_of_a_known_customer_shows_its_profile_and_advice(self):
        self.customer.write(
            {
                "customer_style_id": self.style_bargain.id,
                "decision_basis_id": self.basis_rational.id,
            }
        )
        lead = self._new_lead(partner_id=self.customer.id)
        self.assertEqual(lead.customer_style_id, self.style_bargain)
        self.assertIn(self.style_bargain.advice, lead.treatment_advice)
        self.assertIn(self.basis_rational.advice, lead.treatment_advice)

    def test_lead_of_an_unhappy_customer_warns_the_seller(self):
        lead = self._new_lead(partner_id=self.customer.id)
        self.assertFalse(lead.partner_satisfaction_warning)
        self.customer.record_satisfaction("angry", source="complaint")
        self.assertTrue(lead.partner_satisfaction_warning)
        arch = self.env["crm.lead"].get_view(view_type="form")["arch"]
        self.assertIn("partner_satisfaction_warning", arch)
        self.assertTrue(Form(lead.with_user(self.salesman)).partner_satisfaction_warning)
