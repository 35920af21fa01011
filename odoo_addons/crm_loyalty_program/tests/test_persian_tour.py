from odoo.tests import HttpCase, new_test_user, tagged

from .common import key_card_values


@tagged("post_install", "-at_install")
class TestPersianSalespersonTour(HttpCase):
    """A Persian salesperson (own documents only) reads a member's loyalty and value tabs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_loyalty_program", "crm_customer_value", "crm_customer_profile"], ["fa_IR"]
        )
        cls.salesman = new_test_user(
            cls.env,
            login="loyalty_fa_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            lang="fa_IR",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Persian member", "user_id": cls.salesman.id, "email": "m@example.com"}
        )
        program = cls.env["loyalty.program"].create(
            key_card_values("Key card FA", 100, [{"name": "Gold", "min_points": 0}])
        )
        # a code that starts with digits is the one right to left scrambles
        cls.env["loyalty.card"].create(
            {
                "program_id": program.id,
                "partner_id": cls.customer.id,
                "code": "0449-f27a-4e72",
                "points": 150,
            }
        )
        # the level's name as the Persian salesperson reads it
        program.level_ids.with_context(lang="fa_IR").name = "طلایی"

    def test_persian_salesperson_reads_loyalty_and_value(self):
        self.start_tour(
            f"/odoo/contacts/{self.customer.id}",
            "crm_loyalty_persian_tour",
            login=self.salesman.login,
        )
