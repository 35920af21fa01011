from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.common import run_batched_cron
from odoo.addons.crm_loyalty_program.models import loyalty_card

from .common import LoyaltyFlowCase


@tagged("post_install", "-at_install")
class TestPointsExpiry(LoyaltyFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Expiring points",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "points_validity_months": 12,
                "expiry_warning_days": 30,
                "rule_ids": [
                    Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
                ],
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.customer.id, "points": 0}
        )

    def earn(self, points, months_ago=0, days_ago=0, used=0):
        history = self.env["loyalty.history"].create(
            {"card_id": self.card.id, "description": "test", "issued": points, "used": used}
        )
        when = fields.Datetime.now() - relativedelta(months=months_ago, days=days_ago)
        self.env.cr.execute(
            "UPDATE loyalty_history SET create_date = %s WHERE id = %s", [when, history.id]
        )
        self.card.points += points - used
        history.invalidate_recordset()

    def test_oldest_points_expire_first(self):
        """100 earned 13 months ago, 50 last month, 30 used since: the 70 left of the old
        batch expire, the 50 stay."""
        self.earn(100, months_ago=13)
        self.earn(50, months_ago=1)
        self.earn(0, used=30)
        self.assertEqual(self.card.points, 120)
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(self.card.points, 50)
        expiry = self.card.history_ids.filtered(lambda h: "expired" in h.description)
        self.assertEqual(expiry.used, 70)
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(self.card.points, 50, "expiring twice takes nothing more")

    def test_points_used_beyond_the_old_batch_leave_nothing_to_expire(self):
        self.earn(100, months_ago=13)
        self.earn(50, months_ago=1)
        self.earn(0, used=120)
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(self.card.points, 30)

    def test_boundary_of_validity(self):
        self.earn(40, months_ago=12, days_ago=-1)  # one day short of 12 months
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(self.card.points, 40)

    def test_customer_is_warned_once_before_expiry(self):
        self.earn(80, months_ago=11, days_ago=10)  # expires in about 20 days
        sent = self.env["mail.mail"].search_count([("model", "=", "loyalty.card")])
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(self.card.points, 80)
        mails = self.env["mail.mail"].search(
            [("model", "=", "loyalty.card"), ("res_id", "=", self.card.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertIn(self.program.name, mails.subject)
        self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "loyalty.card")]), sent + 1
        )
        self.assertEqual(self.card.expiry_warned_on, fields.Date.today())

    def test_points_far_from_expiry_give_no_warning(self):
        self.earn(80, months_ago=2)
        self.env["loyalty.card"]._cron_expire_points()
        self.assertFalse(self.card.expiry_warned_on)
        self.assertEqual(self.card.points, 80)

    def test_expiry_cron_works_a_batch_per_call_set_based(self):
        """The expiry cron looped per card in one transaction. Now a call expires a batch
        with a fixed number of queries, whatever the number of cards, and Odoo calls it
        again while cards remain."""
        cards = self.card
        for i in range(5):
            partner = self.env["res.partner"].create({"name": f"Holder {i}"})
            cards |= self.env["loyalty.card"].create(
                {"program_id": self.program.id, "partner_id": partner.id, "points": 0}
            )
        for card in cards:
            self.card = card
            self.earn(100, months_ago=13)
        self.env.flush_all()
        with patch.object(loyalty_card, "EXPIRY_BATCH", 2):
            calls = run_batched_cron(self.env, "crm_loyalty_program.ir_cron_expire_points")
        self.assertEqual(calls, [(2, 4), (2, 2), (2, 0)])
        self.assertEqual(set(cards.mapped("points")), {0})
        # more cards, not more queries
        now = fields.Datetime.now()
        for card in cards:
            self.card = card
            self.earn(10, months_ago=13)
        self.env.flush_all()
        cr = self.env.cr
        counts = []
        for limit in (1, None):  # one card, then the five others
            before = cr.sql_log_count
            expired = self.env["loyalty.card"]._expire_points(now, limit=limit)
            self.env.flush_all()
            counts.append((len(expired), cr.sql_log_count - before))
        self.assertEqual([count for count, _queries in counts], [1, 5])
        self.assertLessEqual(counts[1][1], counts[0][1], counts)
