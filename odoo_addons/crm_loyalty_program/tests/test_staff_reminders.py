from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LoyaltyFlowCase


@tagged("post_install", "-at_install")
class TestStaffReminders(LoyaltyFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Points",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "level_nudge_points": 20,
                "rule_ids": [
                    Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
                ],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 300,
                            "description": "5 % off",
                        }
                    )
                ],
                "level_ids": [
                    Command.create({"name": "Member", "sequence": 1, "min_points": 0}),
                    Command.create({"name": "VIP", "sequence": 2, "min_points": 120}),
                ],
            }
        )

    def card(self):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.customer.id), ("program_id", "=", self.program.id)]
        )

    def test_close_to_next_level_is_mentioned(self):
        self.order(price=90).action_confirm()
        card = self.card()
        self.assertFalse(card.to_mention, "30 points short of VIP: not close yet")
        self.order(price=10).action_confirm()
        self.assertTrue(card.to_mention)
        self.assertIn("20.0 points to VIP", card.mention_text)
        self.assertIn("VIP", self.customer.loyalty_mention)
        self.assertIn("VIP", self.order().loyalty_mention, "shown on the next sale order")

    def test_ready_reward_is_mentioned_and_listed(self):
        self.order(price=300).action_confirm()
        card = self.card()
        self.assertTrue(card.reward_ready)
        self.assertIn("Reward ready: 5 % off", card.mention_text)
        action = self.env.ref("crm_loyalty_program.loyalty_card_action_to_mention")
        self.assertIn("('to_mention', '=', True)", action.domain)
        listed = (
            self.env["loyalty.card"]
            .with_user(self.salesman)
            .search([("to_mention", "=", True), ("partner_id.user_id", "=", self.salesman.id)])
        )
        self.assertIn(card, listed)
        # once spent, nothing is left to mention
        order = self.order(price=10)
        reward = self.program.reward_ids
        self.assertFalse(order._apply_program_reward(reward, card).get("error"))
        order.action_confirm()
        self.assertFalse(card.reward_ready)

    def test_salesman_applies_but_does_not_define_programmes(self):
        with self.assertRaises(AccessError):
            self.env["loyalty.program"].with_user(self.salesman).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.program.level_ids[0].with_user(self.salesman).write({"discount": 50})
        self.assertTrue(self.program.with_user(self.salesman).level_ids)
