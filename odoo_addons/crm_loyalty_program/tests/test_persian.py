"""Persian that reads right: generated text in the reader's language, numbers and codes
isolated left to right, the salesperson's and the manager's starting point."""

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .test_levels_and_cards import KeyCardCase


@tagged("post_install", "-at_install")
class TestPersianLoyalty(KeyCardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["crm_loyalty_program"], ["fa_IR"])
        cls.salesman.lang = "fa_IR"
        cls.gold.with_context(lang="fa_IR").name = "طلایی"

    def test_level_move_is_logged_in_the_salespersons_language(self):
        """Regression: the chatter line came out in the language of whoever confirmed the
        order (here English), not in the Persian salesperson's."""
        self.order(price=100).action_confirm()
        self.order(price=100).with_user(self.env.ref("base.user_admin")).action_confirm()
        body = self.card().message_ids.mapped("body")[0]
        self.assertIn("سطح وفاداری در", body)
        self.assertIn("طلایی", body)
        self.assertNotIn("Loyalty level", body)

    def test_reward_description_in_persian(self):
        """Regression: Odoo writes the description once, in the creator's language, and
        ships no Persian for it."""
        reward = self.env["loyalty.reward"].create(
            {
                "program_id": self.key_card.id,
                "reward_type": "discount",
                "discount": 10,
                "discount_mode": "percent",
                "discount_applicability": "order",
                "required_points": 10,
            }
        )
        self.assertEqual(reward.with_context(lang="en_US").description, "10% on your order")
        persian = reward.with_context(lang="fa_IR").description
        self.assertIn("سفارش", persian)
        self.assertNotIn("your order", persian)

    def test_rewards_written_before_persian_get_it_when_it_is_installed(self):
        reward = self.key_card.reward_ids  # written before Persian was loaded
        self.env["ir.module.module"]._load_module_terms(["crm_loyalty_program"], ["fa_IR"])
        self.assertIn("سفارش", reward.with_context(lang="fa_IR").description)

    def test_demo_level_names_are_translated(self):
        """Regression: the demo levels were created inside their programme, without an
        external id, so fa.po could not translate them."""
        gold = self.env.ref("crm_loyalty_program.loyalty_level_demo_gold", raise_if_not_found=False)
        if not gold:
            self.skipTest("demo data not installed")
        self.assertEqual(gold.name, "Gold member")
        self.assertNotEqual(gold.with_context(lang="fa_IR").name, "Gold member")

    def test_demo_card_balance_agrees_with_points_earned(self):
        """Regression: a demo card held 850 points of which it had earned none."""
        card = self.env.ref("crm_loyalty_program.loyalty_card_demo_key_card", False)
        if not card:
            self.skipTest("demo data not installed")
        self.assertGreaterEqual(card.lifetime_points, card.points)

    def test_printed_card_in_persian(self):
        """The code and the percentage are isolated left to right: "5%", not "%5"."""
        self.order(price=200).action_confirm()
        card = self.card()
        report = self.env["ir.actions.report"].with_context(lang="fa_IR")
        html = report._render_qweb_html("crm_loyalty_program.report_key_customer_card", card.ids)[
            0
        ].decode()
        self.assertIn(f'dir="ltr">{card.code}<', html)
        self.assertIn('<bdi dir="ltr">10%</bdi>', html)
        self.assertIn("طلایی", html)

    def test_rewards_to_mention_starts_on_my_customers_for_a_salesperson(self):
        action = self.env["loyalty.card"].with_user(self.salesman)._action_rewards_to_mention()
        self.assertEqual(action["context"].get("search_default_my_customers"), 1)
        manager = self.env.ref("base.user_admin")
        action = self.env["loyalty.card"].with_user(manager)._action_rewards_to_mention()
        context = action["context"]
        if isinstance(context, str):
            context = safe_eval(context)
        self.assertFalse(context.get("search_default_my_customers"))
