from odoo.tests import Form, tagged

from .common import CustomerContactCase
from .mass_mail import partner_template


@tagged("post_install", "-at_install")
class TestComposerHeldBack(CustomerContactCase):
    """The composer tells the salesperson, before sending a promotional email, which
    customers the contact policy would hold back now; it still sends what they decide."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = partner_template(cls.env, "Autumn offer", contact_promotional=True)
        # Bahar has had her two promotional contacts this month (the limit is 2).
        cls._past_mailing_to(cls.bahar, count=2)

    def _composer(self, partners, mode, template=None):
        return Form(
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(
                lang="en_US",
                default_model="res.partner",
                default_res_ids=partners.ids,
                default_composition_mode=mode,
                default_template_id=template and template.id,
            )
        )

    def test_mass_mail_names_the_customer_over_the_limit(self):
        form = self._composer(self.bahar | self.kaveh, "mass_mail", self.template)
        self.assertTrue(form.contact_promotional)
        self.assertIn(self.bahar.name, form.contact_held_back)
        self.assertIn("limit 2", form.contact_held_back)
        self.assertNotIn(self.kaveh.name, form.contact_held_back)

    def test_single_email_warns_only_when_promotional(self):
        form = self._composer(self.bahar, "comment", self.template)
        self.assertIn(self.bahar.name, form.contact_held_back)
        form.contact_promotional = False
        self.assertFalse(form.contact_held_back)

    def test_nothing_to_say_for_customers_within_the_limit(self):
        form = self._composer(self.kaveh, "mass_mail", self.template)
        self.assertFalse(form.contact_held_back)

    def test_a_long_list_is_cut(self):
        """Twelve customers over the limit: ten are named, then "and 2 more"."""
        customers = self.env["res.partner"].create(
            [
                {"name": f"Held Customer {index}", "email": f"h{index}@example.com"}
                for index in range(12)
            ]
        )
        for customer in customers:
            self._past_mailing_to(customer, count=2)
        form = self._composer(customers, "mass_mail", self.template)
        self.assertEqual(form.contact_held_back.count("<li"), 11)
        self.assertIn("and 2 more", form.contact_held_back)
