from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.sale_loyalty.tests.common import TestSaleCouponCommon


def key_card_values(name, required_points, levels):
    """A key-customer card programme: a point per unit of money, 10% off the order for
    `required_points` points, and the given member levels (dicts)."""
    return {
        "name": name,
        "program_type": "loyalty",
        "trigger": "auto",
        "applies_on": "both",
        "is_key_customer_card": True,
        "rule_ids": [Command.create({"reward_point_mode": "money", "reward_point_amount": 1})],
        "reward_ids": [
            Command.create(
                {
                    "reward_type": "discount",
                    "discount": 10,
                    "discount_mode": "percent",
                    "discount_applicability": "order",
                    "required_points": required_points,
                }
            )
        ],
        "level_ids": [Command.create(level) for level in levels],
    }


class LoyaltyFlowCase(TestSaleCouponCommon):
    """Sale orders driven through Odoo's own loyalty flow, by a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Level moves and reward texts are written in their reader's language: these tests
        # read English, whatever language the database was created with.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.salesman = mail_new_test_user(
            cls.env,
            login="loyalty_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Loyal Customer", "email": "loyal@example.com", "user_id": cls.salesman.id}
        )
        cls.item = cls.env["product.product"].create(
            {"name": "Item", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.thirty_days = cls.env.ref("account.account_payment_term_30days")

    @classmethod
    def promotion(cls, rule_values, reward_values=None, **program_values):
        """A promotion on the current order whose single rule has `rule_values`."""
        reward = {
            "reward_type": "discount",
            "discount": 10,
            "discount_mode": "percent",
            "discount_applicability": "order",
            "required_points": 1,
            **(reward_values or {}),
        }
        return cls.env["loyalty.program"].create(
            {
                "name": "Test promotion",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "order", "reward_point_amount": 1, **rule_values}
                    )
                ],
                "reward_ids": [Command.create(reward)],
                **program_values,
            }
        )

    def order(self, partner=None, quantity=1, price=100.0, payment_term=None, product=None):
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": (partner or self.customer).id,
                    "payment_term_id": payment_term.id if payment_term else False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": (product or self.item).id,
                                "product_uom_qty": quantity,
                                "price_unit": price,
                            }
                        )
                    ],
                }
            )
        )
        order._update_programs_and_rewards()
        return order

    def rewards_on(self, order, program):
        claimable = order._get_claimable_rewards()
        return [
            reward
            for rewards in claimable.values()
            for reward in rewards
            if reward.program_id == program
        ]

    def claim_and_confirm(self, order, program):
        """Apply the programme's reward if the order earned it, then confirm the order."""
        rewards = self.rewards_on(order, program)
        if rewards:
            coupon = order.coupon_point_ids.coupon_id.filtered(lambda c: c.program_id == program)
            self.assertFalse(order._apply_program_reward(rewards[0], coupon).get("error"))
        order.action_confirm()
        return bool(rewards)

    def confirmed_order_months_ago(self, months, partner=None):
        order = self.order(partner=partner)
        order.action_confirm()
        order.date_order = fields.Datetime.now() - relativedelta(months=months)
        return order
