from odoo.tests import TransactionCase, new_test_user, tagged

REFUSED = "Only 19 customers bought more than once; at least 20 are needed."


@tagged("post_install", "-at_install")
class TestPredictionRefused(TransactionCase):
    """Issue 26.14: when the fit was refused (19 repeat buyers, 20 needed) every customer
    showed "0 % alive" and "$0.00 predicted"; only the settings, which a sales manager
    cannot open, said why; the at-risk list opened on the manager's own customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # a fit refused before its case was kept: the stored words are shown
        cls.company.sudo().write(
            {
                "value_prediction_state": "failed",
                "value_prediction_message": REFUSED,
                "value_prediction_reason": False,
                "value_prediction_details": False,
            }
        )
        cls.manager = new_test_user(
            cls.env,
            login="pred_refused_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="pred_refused_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Refused prediction customer"})
        cls.menu = cls.env.ref("crm_customer_value_prediction.crm_customer_value_menu_at_risk")

    def test_value_tab_says_no_prediction_and_why(self):
        partner = self.partner.with_user(self.manager)
        self.assertEqual(partner.value_prediction_note, REFUSED)
        arch = partner.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="value_prediction_note"', arch)
        self.assertIn("No prediction.", arch)
        self.company.sudo().value_prediction_state = "fitted"
        self.partner.invalidate_recordset()
        self.assertFalse(partner.value_prediction_note, "a fitted company shows its figures")

    def test_customer_values_say_why(self):
        value = (
            self.env["crm.customer.value"]
            .with_user(self.manager)
            .search([("company_id", "=", self.company.id)], limit=1)
        )
        if not value:
            value = self.env["crm.customer.value"].create(
                {"partner_id": self.partner.id, "company_id": self.company.id}
            )
        self.assertEqual(value.with_user(self.manager).prediction_note, REFUSED)

    def test_at_risk_list_opens_on_all_customers_for_a_manager(self):
        action = self.menu.action.with_user(self.manager).sudo(False).run()
        self.assertEqual(action["res_model"], "crm.customer.value")
        self.assertNotIn("search_default_my_customers", action["context"])
        self.assertIn(REFUSED, action["help"], "the empty list says why")
        action = self.menu.action.with_user(self.salesman).sudo(False).run()
        self.assertEqual(action["context"].get("search_default_my_customers"), 1)

    def test_the_reason_reads_in_the_readers_language(self):
        """The fit runs in the scheduled action's language (English); a Persian manager
        reads why there is no prediction in Persian."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_customer_value_prediction"], ["fa_IR"]
        )
        self.company.sudo().write(
            {
                "value_prediction_reason": "few_repeaters",
                "value_prediction_details": {"count": 19, "minimum": 20},
            }
        )
        partner = self.partner.with_user(self.manager)
        self.assertIn("Only 19 customers", partner.value_prediction_note)
        note = partner.with_context(lang="fa_IR").value_prediction_note
        self.assertIn("تنها 19 مشتری", note)
        self.assertIn("دست‌کم 20 مشتری", note)
