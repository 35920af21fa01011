from unittest.mock import patch

from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiSnapshots(KpiCase):
    """Completed months are frozen, the live month follows the records, a rebuild
    recomputes everything; the cron and the 'Needs Inventory' reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls.complaint(cls.cust_a, "staff", cls.day(5))
        cls.complaint(cls.cust_b, "product", cls.day(6))

    def test_old_month_frozen_live_month_recomputed(self):
        self.refresh()
        self.assertEqual(self.figure("complaints_staff").value, 1)
        self.assertFalse(self.figure("complaints_staff").is_live)
        self.assertEqual(self.figure("complaints_product", month=self.m0).value, 0)
        self.assertTrue(self.figure("complaints_product", month=self.m0).is_live)
        # Someone reclassifies last month's complaint, another complaint comes in today.
        self.old.category = "product"
        self.complaint(self.cust_a, "product", self.day(0, month=self.m0))
        self.refresh()
        self.assertEqual(self.figure("complaints_staff").value, 1, "a past month is frozen")
        self.assertEqual(self.figure("complaints_product").value, 1)
        self.assertEqual(self.figure("complaints_product", month=self.m0).value, 1)
        # Archiving an old record does not change the stored figure either.
        self.old.active = False
        self.refresh()
        self.assertEqual(self.figure("complaints_staff").value, 1)
        # A rebuild recomputes the past month from the records as they are now.
        self.refresh(rebuild=True)
        self.assertEqual(self.figure("complaints_staff").value, 0)
        self.assertEqual(self.figure("complaints_product").value, 2)

    def test_last_live_month_is_frozen_when_it_ends(self):
        """A month stored while live is computed once more after it ended, then frozen."""
        self.refresh()
        self.Snapshot.search(
            [("company_id", "=", self.company.id), ("month", "=", self.m1)]
        ).sudo().write({"is_live": True, "value": -1})
        self.refresh()
        self.assertEqual(self.figure("complaints_staff").value, 1)
        self.assertFalse(self.figure("complaints_staff").is_live)

    def test_needs_inventory_when_stock_is_absent(self):
        with patch.object(type(self.Snapshot), "_has_inventory", lambda self: False):
            self.refresh(rebuild=True)
        for team in (False, self.team_a, self.team_b):
            snapshot = self.figure("returns_qty", team=team)
            self.assertEqual(snapshot.state, "unavailable")
            self.assertEqual(snapshot.unavailable_reason, "Needs Inventory")
        self.assertEqual(self.figure("refunds").state, "measured")

    def test_cron_refreshes_every_company(self):
        self.Snapshot._cron_refresh_snapshots()
        self.assertEqual(self.figure("complaints_staff").value, 1)
        self.assertTrue(self.figure("complaints_staff", month=self.m0))

    def test_refresh_now_as_manager(self):
        action = self.Snapshot.with_user(self.manager).action_refresh_now()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.figure("complaints_staff").value, 1)

    def test_open_records_behind_a_figure(self):
        action = self.Snapshot.action_open_records(
            "complaints_staff", self.m1, self.company.id, self.team_a.id
        )
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), self.old)
