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

    def test_lead_of_a_contact_warns_by_its_company(self):
        """The lead read the contact's own level, the sale order the company's: now both
        read the commercial entity's."""
        company = self.env["res.partner"].create({"name": "Cross Co", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Cross", "parent_id": company.id})
        lead = self._new_lead(partner_id=contact.id)
        company.record_satisfaction("angry", source="complaint")
        self.assertTrue(lead.partner_satisfaction_warning)
        self.assertEqual(lead.partner_satisfaction_level, "angry")
        unhappy_filter = ("partner_id.commercial_partner_id.satisfaction_level", "in", ["angry"])
        search_arch = self.env["crm.lead"].get_view(view_type="search")["arch"]
        self.assertIn("partner_id.commercial_partner_id.satisfaction_level", search_arch)
        leads = self.env["crm.lead"].with_user(self.salesman)
        unhappy = leads.search([("id", "=", lead.id), unhappy_filter])
        self.assertEqual(unhappy, lead)
        self.assertTrue(Form(lead.with_user(self.salesman)).partner_satisfaction_warning)

    def test_record_satisfaction_from_the_lead(self):
        lead = self._new_lead(partner_id=self.customer.id)
        arch = self.env["crm.lead"].get_view(view_type="form")["arch"]
        action = self.env.ref("crm_customer_profile.crm_satisfaction_record_action")
        self.assertIn(str(action.id), arch)
        self.env["crm.satisfaction.record"].with_user(self.salesman).with_context(
            default_partner_id=lead.partner_id.id
        ).create({"level": "happy", "note": "Liked the demo"}).action_record()
        self.assertEqual(lead.partner_satisfaction_level, "happy")
        self.assertEqual(self.customer.satisfaction_entry_ids.note, "Liked the demo")

    def test_open_lead_follows_later_changes_of_its_partner(self):
        """A lead's style and decision basis did not follow later changes on its partner.
        Open leads follow; won and lost leads keep what was known when they closed."""
        open_lead = self._new_lead(partner_id=self.customer.id)
        won_lead = self._new_lead(partner_id=self.customer.id, type="opportunity")
        lost_lead = self._new_lead(partner_id=self.customer.id, type="opportunity")
        won_lead.with_user(self.salesman).action_set_won()
        lost_lead.with_user(self.salesman).action_set_lost()
        self.customer.with_user(self.salesman).write(
            {
                "customer_style_id": self.style_skeptical.id,
                "decision_basis_id": self.basis_rational.id,
            }
        )
        self.assertEqual(open_lead.customer_style_id, self.style_skeptical)
        self.assertEqual(open_lead.decision_basis_id, self.basis_rational)
        self.assertIn(self.style_skeptical.advice, open_lead.treatment_advice)
        self.assertFalse(won_lead.customer_style_id)
        self.assertFalse(lost_lead.with_context(active_test=False).customer_style_id)
