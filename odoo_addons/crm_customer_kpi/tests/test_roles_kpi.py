"""The KPI doors tried by each role of the suite (issue 23), as that user.

Only sales managers read the snapshots and set the targets, of the companies they are
allowed in; refreshing, rebuilding and the drill-down are refused for any other company.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.roles import SuiteRolesCase


@tagged("post_install", "-at_install")
class TestRolesKpi(SuiteRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Snapshot = cls.env["crm.kpi.snapshot"]
        cls.both = cls.company_a | cls.company_b
        # The scheduled action's refresh (superuser), one month of each company.
        cls.Snapshot.refresh_snapshots(months=1, company_ids=cls.both.ids)
        # a company has one target of its own per indicator (the demo's included)
        cls.env["crm.kpi.target"].search(
            [
                ("indicator", "=", "complaints_staff"),
                ("company_id", "in", cls.both.ids),
                ("team_id", "=", False),
            ]
        ).unlink()
        cls.target_a, cls.target_b = cls.env["crm.kpi.target"].create(
            [
                {
                    "indicator": "complaints_staff",
                    "company_id": company.id,
                    "target": 0,
                    "watch_from": 1,
                    "bad_from": 3,
                }
                for company in cls.both
            ]
        )

    def _snapshots_of(self, company):
        """The stored rows of the company (ids and write dates): a refresh replaces them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date FROM crm_kpi_snapshot WHERE company_id = %s ORDER BY id",
            [company.id],
        )
        return self.env.cr.fetchall()

    def _month(self, company):
        snapshots = self.Snapshot.search([("company_id", "=", company.id)], limit=1)
        self.assertTrue(snapshots, "the superuser's refresh stored the company's month")
        return snapshots.month

    # Nobody but a sales manager ----------------------------------------------------------

    def test_public_and_portal_cannot_read_or_refresh(self):
        """Public visitor and portal customers (of A and of B) neither read snapshots or
        targets nor refresh, rebuild or open the records behind a figure."""
        month = self._month(self.company_a)
        for user in (self.public, self.portal_a, self.portal_b):
            with self.subTest(user=user.login):
                snapshot = self.Snapshot.with_user(user)
                with self.assertRaises(AccessError):
                    snapshot.search([])
                with self.assertRaises(AccessError):
                    self.env["crm.kpi.target"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    snapshot.refresh_snapshots(months=1)
                with self.assertRaises(AccessError):
                    snapshot.action_rebuild()
                with self.assertRaises(AccessError):
                    snapshot.action_open_records("sales_count", month, self.company_a.id)

    def test_internal_user_cannot_read_or_refresh(self):
        """A plain internal user neither reads snapshots or targets nor refreshes."""
        snapshot = self.Snapshot.with_user(self.internal)
        with self.assertRaises(AccessError):
            snapshot.search([])
        with self.assertRaises(AccessError):
            self.env["crm.kpi.target"].with_user(self.internal).search([])
        with self.assertRaises(AccessError):
            snapshot.action_refresh_now()

    def test_salespeople_cannot_read_refresh_or_set_targets(self):
        """Salespeople (own documents and all documents) of company A read no snapshot
        or target, cannot refresh or rebuild, cannot open a figure's records and cannot
        set a target: the KPIs are the sales manager's."""
        month = self._month(self.company_a)
        before = self._snapshots_of(self.company_a)
        for user in (self.salesperson_own, self.salesperson_all):
            with self.subTest(user=user.login):
                snapshot = self.Snapshot.with_user(user)
                with self.assertRaises(AccessError):
                    snapshot.search([])
                with self.assertRaises(AccessError):
                    snapshot.refresh_snapshots(months=1, company_ids=self.company_a.ids)
                with self.assertRaises(AccessError):
                    snapshot.refresh_snapshots(months=1, rebuild=True)
                with self.assertRaises(AccessError):
                    snapshot.action_open_records("sales_count", month, self.company_a.id)
                target = self.env["crm.kpi.target"].with_user(user)
                with self.assertRaises(AccessError):
                    target.search([])
                with self.assertRaises(AccessError):
                    target.create({"indicator": "sales_count", "company_id": self.company_a.id})
        self.assertEqual(self._snapshots_of(self.company_a), before)

    # The sales managers, each in their company -------------------------------------------

    def test_manager_a_refreshes_and_rebuilds_company_a(self):
        """The sales manager of A refreshes and rebuilds A's snapshots and reads them."""
        before = self._snapshots_of(self.company_a)
        snapshot = self.Snapshot.with_user(self.manager_a)
        self.assertTrue(snapshot.refresh_snapshots(months=1, company_ids=self.company_a.ids))
        self.assertTrue(
            snapshot.refresh_snapshots(months=1, company_ids=self.company_a.ids, rebuild=True)
        )
        after = self._snapshots_of(self.company_a)
        self.assertTrue(after)
        self.assertNotEqual(after, before, "the live month was computed again")
        self.assertEqual(snapshot.search([]).company_id, self.company_a)
        # Without company ids: the companies active for them (A).
        self.assertTrue(snapshot.refresh_snapshots(months=1))

    def test_manager_b_cannot_refresh_company_a(self):
        """The sales manager of company B asks to refresh company A's snapshots: refused,
        and A's snapshots are left as they were (issue 23, defect 4)."""
        before = self._snapshots_of(self.company_a)
        self.assertTrue(before)
        snapshot = self.Snapshot.with_user(self.manager_b)
        with self.assertRaises(AccessError):
            snapshot.refresh_snapshots(months=1, company_ids=self.company_a.ids)
        with self.assertRaises(AccessError):
            snapshot.refresh_snapshots(months=1, company_ids=self.both.ids)
        self.assertEqual(self._snapshots_of(self.company_a), before)
        # Their own company still refreshes.
        self.assertTrue(snapshot.refresh_snapshots(months=1, company_ids=self.company_b.ids))
        self.assertEqual(self._snapshots_of(self.company_a), before)

    def test_manager_b_refused_in_persian(self):
        """The sales manager of company B, reading Persian, is told why in Persian."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_kpi"], ["fa_IR"])
        self.manager_b.lang = "fa_IR"
        snapshot = self.Snapshot.with_user(self.manager_b).with_context(lang="fa_IR")
        with self.assertRaisesRegex(AccessError, "اجازهٔ کار"):
            snapshot.refresh_snapshots(months=1, company_ids=self.company_a.ids)

    def test_manager_b_cannot_rebuild_company_a(self):
        """The sales manager of company B asks to rebuild company A's snapshots, every
        frozen month included: refused, A's snapshots unchanged (issue 23, defect 4)."""
        before = self._snapshots_of(self.company_a)
        snapshot = self.Snapshot.with_user(self.manager_b)
        with self.assertRaises(AccessError):
            snapshot.refresh_snapshots(months=2, company_ids=self.company_a.ids, rebuild=True)
        self.assertEqual(self._snapshots_of(self.company_a), before)

    def test_manager_b_cannot_open_company_a_records(self):
        """The sales manager of company B asks for the records behind a figure of
        company A (the drill-down): refused; their own company's figure opens."""
        snapshot = self.Snapshot.with_user(self.manager_b)
        with self.assertRaises(AccessError):
            snapshot.action_open_records(
                "contacts_total", self._month(self.company_a), self.company_a.id
            )
        action = snapshot.action_open_records(
            "contacts_total", self._month(self.company_b), self.company_b.id
        )
        self.assertEqual(action["res_model"], "mail.message")

    def test_manager_b_sees_and_sets_only_company_b(self):
        """The sales manager of company B reads B's snapshots and targets only, and can
        neither change A's target nor create one for A."""
        snapshot = self.Snapshot.with_user(self.manager_b)
        self.assertEqual(snapshot.search([]).company_id, self.company_b)
        target = self.env["crm.kpi.target"].with_user(self.manager_b)
        self.assertEqual(target.search([]), self.target_b)
        with self.assertRaises(AccessError):
            self.target_a.with_user(self.manager_b).write({"target": 5})
        with self.assertRaises(AccessError):
            target.create({"indicator": "sales_count", "company_id": self.company_a.id})
        self.target_b.with_user(self.manager_b).write({"target": 1})
        self.assertEqual(self.target_b.target, 1)

    def test_managers_cannot_edit_snapshots(self):
        """Sales managers read the figures but never write, create or delete them: only
        a refresh stores them."""
        snapshot = self.Snapshot.with_user(self.manager_a).search([], limit=1)
        self.assertTrue(snapshot)
        with self.assertRaises(AccessError):
            snapshot.write({"value": 42})
        with self.assertRaises(AccessError):
            snapshot.unlink()

    def test_cron_refreshes_every_company(self):
        """The scheduled action (superuser) still refreshes every company."""
        before_a, before_b = self._snapshots_of(self.company_a), self._snapshots_of(self.company_b)
        self.Snapshot.with_user(self.env.ref("base.user_root"))._cron_refresh_snapshots()
        self.assertNotEqual(self._snapshots_of(self.company_a), before_a)
        self.assertNotEqual(self._snapshots_of(self.company_b), before_b)
