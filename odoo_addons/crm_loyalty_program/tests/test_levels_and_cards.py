from odoo import Command
from odoo.tests import tagged

from .common import LoyaltyFlowCase


@tagged("post_install", "-at_install")
class TestLevelsAndCards(LoyaltyFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key_card = cls.env["loyalty.program"].create(
            {
                "name": "Key card",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "is_key_customer_card": True,
                "rule_ids": [
                    Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
                ],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 5000,
                        }
                    )
                ],
                "level_ids": [
                    Command.create({"name": "Silver", "sequence": 1, "min_points": 0}),
                    Command.create(
                        {
                            "name": "Gold",
                            "sequence": 2,
                            "min_points": 150,
                            "discount": 10,
                            "points_multiplier": 2,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Platinum",
                            "sequence": 3,
                            "min_points": 100000,
                            "discount": 20,
                            "value_tier_ids": [
                                Command.set(
                                    cls.env.ref("crm_customer_value.crm_value_tier_platinum").ids
                                )
                            ],
                        }
                    ),
                ],
            }
        )
        cls.silver, cls.gold, cls.platinum = cls.key_card.level_ids.sorted("sequence")

    def card(self):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.customer.id), ("program_id", "=", self.key_card.id)]
        )

    def test_points_reach_a_level_and_multiply(self):
        """100 points: silver; 100 more: gold (150 earned); then its discount and double points."""
        self.order(price=100).action_confirm()
        card = self.card()
        self.assertEqual((card.points, card.level_id), (100, self.silver))
        self.order(price=100).action_confirm()
        self.assertEqual((card.points, card.level_id), (200, self.gold))
        self.order(price=100).action_confirm()
        self.assertEqual(card.points, 380, "gold pays 90 (10 % off) and earns double: 180")
        self.assertIn("Silver → Gold", card.message_ids.mapped("body")[0])
        self.assertTrue(
            any("Silver → Gold" in body for body in self.customer.message_ids.mapped("body"))
        )

    def test_level_discount_on_every_new_order(self):
        """A gold card gives 10 % on every line of the member's next orders."""
        self.order(price=200).action_confirm()
        self.assertEqual(self.card().level_id, self.gold)
        order = self.order(price=50, quantity=3)
        self.assertEqual(
            order.order_line.filtered(lambda line: not line.is_reward_line).discount, 10
        )
        self.assertAlmostEqual(order.amount_untaxed, 135.0)
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        self.assertEqual(self.order(partner=stranger).order_line.discount, 0)

    def test_value_tier_reaches_a_level(self):
        """A platinum customer (by value) is a platinum member whatever their points."""
        self.order(price=10).action_confirm()
        self.env["crm.customer.value"].sudo().create(
            {
                "partner_id": self.customer.id,
                "company_id": self.env.company.id,
                "value_tier_id": self.env.ref("crm_customer_value.crm_value_tier_platinum").id,
            }
        )
        self.env["loyalty.card"]._cron_refresh_levels()
        self.assertEqual(self.card().level_id, self.platinum)

    def test_card_prints_and_is_sent(self):
        self.order(price=200).action_confirm()
        card = self.card()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("crm_loyalty_program.report_key_customer_card", card.ids)[0]
            .decode()
        )
        self.assertIn(card.code, html)
        self.assertIn("/report/barcode/QR/", html)
        self.assertIn("Gold", html)
        action = card.with_user(self.salesman).action_send_key_card()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({})
        )
        composer._action_send_mail()
        mail = self.env["mail.message"].search(
            [
                ("model", "=", "loyalty.card"),
                ("res_id", "=", card.id),
                ("attachment_ids", "!=", False),
            ]
        )
        self.assertTrue(mail, "the card is sent with the printed card attached")
