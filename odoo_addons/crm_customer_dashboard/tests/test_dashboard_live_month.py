import datetime

from odoo import fields
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardLiveRefresh(TransactionCase):
    """Issue 26.11: the live month's cards were stale until the next KPI refresh, and
    nothing said as of when."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="dash_live_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Live month customer"})
        cls.product = cls.env["product.product"].create({"name": "Live widget", "list_price": 10})
        cls.env["crm.kpi.snapshot"].refresh_snapshots(months=1)
        company = cls.env.company
        today = cls.env["crm.kpi.snapshot"]._kpi_today(company)
        cls.old_month = company._kpi_month_start(today - datetime.timedelta(days=200))
        cls.env["crm.kpi.snapshot"].search(
            [("company_id", "=", company.id), ("month", "=", cls.old_month)]
        ).unlink()
        cls.env["crm.kpi.snapshot"].create(
            {
                "month": cls.old_month,
                "company_id": company.id,
                "indicator": "sales_count",
                "value": 999,
                "is_live": False,
            }
        )

    def value(self, data):
        return next(c for c in data["cards"] if c["code"] == "sales_count")["value"]

    def test_refresh_recomputes_the_live_month_only(self):
        dashboard = self.env["crm.customer.dashboard"].with_user(self.manager)
        data = dashboard.get_dashboard_data({})
        self.assertTrue(data["live"]["is_live"], "the newest month is the live one")
        self.assertTrue(data["live"]["as_of"], "the dashboard says as of when")
        self.assertTrue(1 <= data["live"]["day"] <= data["live"]["days"])
        before = self.value(data)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now()
        self.assertEqual(self.value(dashboard.get_dashboard_data({})), before, "stale")
        data = dashboard.action_refresh_live_month({})
        self.assertEqual(self.value(data), before + 1)
        old = dashboard.get_dashboard_data({"month": fields.Date.to_string(self.old_month)})
        self.assertEqual(self.value(old), 999, "a closed month is left as it was stored")
        self.assertFalse(old["live"]["is_live"])


@tagged("post_install", "-at_install")
class TestDashboardMonthToDate(DashboardCase):
    @freeze_time("2025-11-07 12:00:00")
    def test_live_month_is_judged_pro_rata(self):
        """Issue 26.11: a month-to-date figure was judged against a full month's target:
        red "off target" on the 7th. 3 orders on 7 November are 3 x 30 / 7 = 12.9 a
        month against a target of 10."""
        self.assertTrue(self.count_ind["higher_is_better"])
        self.target(self.count_ind, good_side=True)
        self.snap(self.count_ind, MONTHS[1], 3)
        self.snap(self.count_ind, MONTHS[2], 3, is_live=True)
        data = self.data()
        card = self.card(data, self.count_ind["code"])
        self.assertEqual(card["value"], 3, "the figure shown is the month's so far")
        self.assertEqual(card["status"], "good")
        self.assertEqual((data["live"]["day"], data["live"]["days"]), (7, 30))
        closed = self.card(self.data(month="2025-10-01"), self.count_ind["code"])
        self.assertEqual(closed["status"], "bad", "a closed month is judged whole")
