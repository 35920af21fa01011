from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardData(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        count = cls.count_ind
        for month, value in zip(MONTHS, (5, 8, 12), strict=True):
            cls.snap(count, month, value)
        cls.snap(count, MONTHS[2], 7, team=cls.team_a)
        cls.snap(count, MONTHS[2], 3, team=cls.team_b)
        cls.snap(count, MONTHS[2], 100, company=cls.company_2)
        cls.rate(MONTHS[1], 1, 4)
        cls.rate(MONTHS[2], 3, 4)
        cls.rate(MONTHS[2], 1, 4, company=cls.company_2)
        # 12 is on the good side of the company's target for an indicator where higher is
        # better, on the bad one where lower is better.
        cls.target(count, good_side=True)
        cls.expected_status = "good" if count["higher_is_better"] else "bad"

    def test_latest_month_with_its_value_target_colour_and_trend(self):
        data = self.data()
        self.assertEqual(data["filters"]["month"], "2025-11-01")
        self.assertEqual(
            [m["value"] for m in data["months"]], ["2025-09-01", "2025-10-01", "2025-11-01"]
        )
        card = self.card(data, self.count_ind["code"])
        self.assertEqual(card["value"], 12)
        self.assertEqual(card["status"], self.expected_status)
        self.assertEqual(card["trend"], [5, 8, 12])
        rate = self.card(data, self.rate_ind["code"])
        self.assertAlmostEqual(rate["value"], self.rate_scale() * 3 / 4)
        self.assertFalse(rate["status"], "no target set for the rate: no colour")
        self.assertEqual(rate["trend"], [False, self.rate_scale() / 4, self.rate_scale() * 3 / 4])

    def test_three_months_sum_counts_and_combine_rates(self):
        data = self.data(month="2025-11-01", period=3)
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 25)
        # (1 + 3) / (4 + 4), not the mean of the two monthly rates' values
        self.assertAlmostEqual(
            self.card(data, self.rate_ind["code"])["value"], self.rate_scale() / 2
        )

    def test_an_earlier_month(self):
        data = self.data(month="2025-10-01")
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 8)
        self.assertEqual(len(data["months"]), 2)

    def test_team_filter_and_team_comparison(self):
        self.target(self.count_ind, good_side=True, team=self.team_b)
        data = self.data(team_id=self.team_a.id)
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 7)
        teams = data["teams"]
        self.assertEqual([t["name"] for t in teams["teams"]], ["North", "South"])
        row = next(r for r in teams["rows"] if r["code"] == self.count_ind["code"])
        self.assertEqual([v["value"] for v in row["values"]], [7, 3])
        # South has its own target (3 is on its bad side when higher is better); North falls
        # back on the company's (7: watch between 5 and 8 when higher is better, good below
        # 8 when lower is better).
        higher = self.count_ind["higher_is_better"]
        self.assertEqual(row["values"][1]["status"], "bad" if higher else "good")
        self.assertEqual(row["values"][0]["status"], "watch" if higher else "good")

    def test_company_filter_shows_allowed_companies_only(self):
        # The manager works in the first company only: the second's 100 is not counted.
        data = self.data()
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 12)
        self.assertEqual(data["options"]["companies"], [])
        with self.assertRaises(AccessError):
            self.data(company_id=self.company_2.id)
        # Given both companies and both selected in the switcher: summed, and one at a time.
        self.manager.company_ids = [(4, self.company_2.id)]
        dashboard = (
            self.env["crm.customer.dashboard"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, self.company_2.id])
        )
        data = dashboard.get_dashboard_data({})
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 112)
        self.assertAlmostEqual(
            self.card(data, self.rate_ind["code"])["value"], self.rate_scale() / 2
        )
        self.assertEqual(len(data["options"]["companies"]), 2)
        data = dashboard.get_dashboard_data({"company_id": self.company_2.id})
        self.assertEqual(self.card(data, self.count_ind["code"])["value"], 100)

    def test_unavailable_indicator_shows_its_reason(self):
        self.snap(
            self.rate_ind,
            MONTHS[2],
            0,
            company=self.company,
            team=self.team_a,
            state="unavailable",
            unavailable_reason="Needs Inventory",
        )
        card = self.card(self.data(team_id=self.team_a.id), self.rate_ind["code"])
        self.assertEqual(card["state"], "unavailable")
        self.assertEqual(card["reason"], "Needs Inventory")
        self.assertIs(card["value"], False)

    def test_satisfaction_and_pyramid(self):
        for level, count in (("angry", 2), ("satisfied", 10), ("delighted", 4)):
            self.snap(self.sat_ind, MONTHS[2], count, breakdown=level)
        self.snap(self.sat_ind, MONTHS[1], 9, breakdown="happy")
        tiers = self.env["crm.value.tier"].search([("company_id", "in", [False, self.company.id])])
        self.assertGreaterEqual(len(tiers), 2)
        for index, tier in enumerate(tiers.sorted("sequence")):
            self.snap(self.tier_ind, MONTHS[2], 10 * (index + 1), breakdown=str(tier.id))
        data = self.data()
        sat = data["satisfaction"]
        self.assertEqual(
            [(lvl["key"], lvl["value"]) for lvl in sat["levels"]],
            [("angry", 2), ("dissatisfied", 0), ("satisfied", 10), ("happy", 0), ("delighted", 4)],
        )
        self.assertEqual(sat["total"], 16)
        self.assertEqual(sat["trend"][1]["happy"], 9)
        pyramid = data["pyramid"]
        # Top tier first, and the narrowest: the fewest customers in this data.
        self.assertEqual([t["id"] for t in pyramid["tiers"]], tiers.sorted("sequence").ids)
        values = [t["values"][self.tier_ind["code"]] for t in pyramid["tiers"]]
        self.assertEqual(values, sorted(values))
        self.assertEqual(values[0], 10)

    def test_drilldown_joins_the_months_of_the_period(self):
        dashboard = self.env["crm.customer.dashboard"].with_user(self.manager)
        code = self.count_ind["code"]
        action = dashboard.open_records({"period": 3}, code)
        snapshots = self.Snapshot.with_user(self.manager)
        parts = [
            snapshots.action_open_records(code, month, self.company.id, False, False)
            for month in MONTHS
        ]
        self.assertEqual(action["res_model"], parts[0]["res_model"])
        self.assertEqual(
            action["domain"],
            expression.OR([dashboard._dashboard_domain(p.get("domain")) for p in parts]),
        )
        one = dashboard.open_records({}, code, month="2025-10-01", team_id=self.team_a.id)
        # The same records; the list may be the dashboard's own (one summing what the card
        # counts), so the views are left out of the comparison.
        expected = snapshots.action_open_records(
            code, MONTHS[1], self.company.id, self.team_a.id, False
        )
        self.assertEqual({**one, "views": None}, {**expected, "views": None})

    def test_month_names_come_from_the_company(self):
        """A company counting Jalali months names them through its hook
        (res.company._kpi_month_label, overridden by crm_jalali_calendar): the dashboard
        shows the names the hook gives, for the trend and the month filter alike."""
        calls = []

        def month_label(company, month):
            calls.append((company, month))
            return f"{company.name} / month {month.month}"

        Company = type(self.env["res.company"])
        with patch.object(Company, "_kpi_month_label", month_label, create=True):
            data = self.data()
        self.assertEqual(
            [m["label"] for m in data["months"]],
            [f"{self.company.name} / month {m.month}" for m in MONTHS],
        )
        self.assertEqual(
            [m["label"] for m in data["options"]["months"]],
            [f"{self.company.name} / month {m.month}" for m in reversed(MONTHS)],
        )
        self.assertIn((self.company, MONTHS[2]), calls)

    def rate_scale(self):
        return 100.0 if self.rate_ind["unit"] == "percent" else 1.0
