from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiAccess(KpiCase):
    """Salespeople see nothing of the KPIs; a manager sees the companies they may work in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_company = cls.env.ref("base.main_company")
        cls.complaint(cls.cust_a, "staff", cls.day(5))
        cls.Snapshot.refresh_snapshots(months=2, company_ids=[cls.company.id, cls.main_company.id])
        # a company has one target of its own per indicator (the demo's included)
        cls.env["crm.kpi.target"].search(
            [
                ("indicator", "=", "complaints_staff"),
                ("company_id", "in", [cls.company.id, cls.main_company.id]),
                ("team_id", "=", False),
            ]
        ).unlink()
        cls.env["crm.kpi.target"].create(
            [
                {
                    "indicator": "complaints_staff",
                    "company_id": company.id,
                    "target": 0,
                    "watch_from": 1,
                    "bad_from": 3,
                }
                for company in (cls.company, cls.main_company)
            ]
        )

    def test_salesperson_sees_nothing(self):
        snapshot = self.Snapshot.with_user(self.salesman)
        with self.assertRaises(AccessError):
            snapshot.search([])
        with self.assertRaises(AccessError):
            self.env["crm.kpi.target"].with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            snapshot.refresh_snapshots()
        with self.assertRaises(AccessError):
            snapshot.action_open_records("complaints_staff", self.m1, self.company.id)

    def test_manager_sees_own_companies_only(self):
        snapshots = self.Snapshot.with_user(self.manager).search([])
        self.assertTrue(snapshots)
        self.assertEqual(snapshots.company_id, self.company)
        targets = self.env["crm.kpi.target"].with_user(self.manager).search([])
        self.assertEqual(targets.company_id, self.company)
        # Given the main company too, both.
        self.manager.company_ids = [(4, self.main_company.id)]
        both = self.Snapshot.with_user(self.manager).with_context(
            allowed_company_ids=[self.company.id, self.main_company.id]
        )
        self.assertEqual(both.search([]).company_id, self.company | self.main_company)

    def test_manager_sets_targets_and_gets_colours(self):
        target = self.env["crm.kpi.target"].with_user(self.manager)
        self.assertEqual(target._status_for("complaints_staff", 0, self.company), "good")
        self.assertEqual(target._status_for("complaints_staff", 2, self.company), "watch")
        self.assertEqual(target._status_for("complaints_staff", 3, self.company), "bad")
        target.create(
            {
                "indicator": "complaints_staff",
                "company_id": self.company.id,
                "team_id": self.team_a.id,
                "target": 2,
                "watch_from": 4,
                "bad_from": 6,
            }
        )
        self.assertEqual(
            target._status_for("complaints_staff", 3, self.company, self.team_a), "good"
        )
        self.assertEqual(
            target._status_for("complaints_staff", 3, self.company, self.team_b), "bad"
        )
        higher = target._status_for("sales_count", 5, self.company)
        self.assertFalse(higher, "no target: no colour")
