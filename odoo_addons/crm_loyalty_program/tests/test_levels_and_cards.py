from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.common import run_batched_cron
from odoo.addons.crm_loyalty_program.models import loyalty_card
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import LoyaltyFlowCase, key_card_values


class KeyCardCase(LoyaltyFlowCase):
    """A key-customer card with silver, gold and platinum levels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key_card = cls.env["loyalty.program"].create(
            key_card_values(
                "Key card",
                5000,
                [
                    {"name": "Silver", "sequence": 1, "min_points": 0},
                    {
                        "name": "Gold",
                        "sequence": 2,
                        "min_points": 150,
                        "discount": 10,
                        "points_multiplier": 2,
                    },
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
                    },
                ],
            )
        )
        cls.silver, cls.gold, cls.platinum = cls.key_card.level_ids.sorted("sequence")

    def card(self):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.customer.id), ("program_id", "=", self.key_card.id)]
        )


@tagged("post_install", "-at_install")
class TestLevelsAndCards(KeyCardCase):
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

    def test_card_discount_is_looked_up_once_per_order(self):
        """sale_order_line searched the member's cards once per line: now once per order."""
        self.order(price=200).action_confirm()
        partner_class = type(self.env["res.partner"])
        original = partner_class._loyalty_card_discount
        with patch.object(
            partner_class, "_loyalty_card_discount", autospec=True, side_effect=original
        ) as lookup:
            order = (
                self.env["sale.order"]
                .with_user(self.salesman)
                .create(
                    {
                        "partner_id": self.customer.id,
                        "order_line": [
                            Command.create({"product_id": self.item.id, "price_unit": 10 + i})
                            for i in range(10)
                        ],
                    }
                )
            )
        self.assertEqual(lookup.call_count, 1)
        self.assertEqual(set(order.order_line.mapped("discount")), {10})

    def test_level_cron_moves_cards_a_batch_per_call(self):
        """The level cron looped over every card in one transaction: now each call moves
        a batch in a few queries, reports progress and returns."""
        customers = self.env["res.partner"].create([{"name": f"Member {i}"} for i in range(3)])
        cards = self.env["loyalty.card"].create(
            [{"program_id": self.key_card.id, "partner_id": c.id, "points": 0} for c in customers]
        )
        self.assertEqual(set(cards.mapped("level_id")), {self.silver})
        self.env["crm.customer.value"].sudo().create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": self.env.company.id,
                    "value_tier_id": self.env.ref("crm_customer_value.crm_value_tier_platinum").id,
                }
                for customer in customers
            ]
        )
        with patch.object(loyalty_card, "LEVEL_BATCH", 2):
            calls = run_batched_cron(self.env, "crm_loyalty_program.ir_cron_refresh_levels")
        self.assertEqual(calls, [(2, 1), (1, 0)])
        self.assertEqual(set(cards.mapped("level_id")), {self.platinum})
        self.assertIn("Silver → Platinum", customers[0].message_ids[0].body)

    def test_plain_internal_user_reads_no_loyalty_field(self):
        """Loyalty cards are for sales staff: their partner fields too."""
        clerk = mail_new_test_user(self.env, login="loyalty_clerk", groups="base.group_user")
        fields = self.env["res.partner"].with_user(clerk).fields_get()
        self.assertNotIn("loyalty_card_ids", fields)
        self.assertNotIn("loyalty_mention", fields)
        self.assertIn(
            "loyalty_mention", self.env["res.partner"].with_user(self.salesman).fields_get()
        )
