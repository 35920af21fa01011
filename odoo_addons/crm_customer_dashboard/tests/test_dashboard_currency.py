import datetime

from odoo.tests import tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardCurrency(DashboardCase):
    """A manager of a company keeping its books in another currency (IRR) and of one in
    the demo company's currency: each company's amounts are converted into the currency the
    dashboard shows (the first company's) at the rate of the month's last day before they
    are added; counts are not converted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.irr = cls.env.ref("base.IRR")
        cls.irr.active = True
        cls.currency = cls.company.currency_id
        assert cls.currency != cls.irr
        cls.company_3 = cls.env["res.company"].create(
            {"name": "Tehran Branch", "currency_id": cls.irr.id}
        )
        cls.team_c = cls.env["crm.team"].create({"name": "Tehran", "company_id": cls.company_3.id})
        cls.manager.company_ids = [(4, cls.company_3.id)]
        # The first company's rates only, known ones: IRR per unit of its currency.
        cls.env["res.currency.rate"].search(
            [("currency_id", "in", [cls.currency.id, cls.irr.id])]
        ).unlink()
        cls.rates = {
            day: cls.env["res.currency.rate"].create(
                {"currency_id": cls.irr.id, "company_id": cls.company.id, "name": day, "rate": rate}
            )
            for day, rate in (
                (datetime.date(2025, 1, 1), 50000.0),
                # November's last day has this rate; December's is not November's.
                (datetime.date(2025, 11, 20), 40000.0),
                (datetime.date(2025, 12, 15), 100000.0),
            )
        }
        codes = {ind["code"]: ind for ind in cls.indicators}
        cls.amount_ind, cls.orders_ind = codes["sales_amount"], codes["sales_count"]
        cls.tier_value_ind = codes["tier_value"]
        cls.tier = cls.env["crm.value.tier"].search(
            [("company_id", "in", [False, cls.company.id])], limit=1
        )
        for company, sep, nov in ((cls.company, 100, 1000), (cls.company_3, 5000000, 8000000)):
            cls.snap(cls.amount_ind, MONTHS[0], sep, company=company)
            cls.snap(cls.amount_ind, MONTHS[2], nov, company=company)
        cls.snap(cls.amount_ind, MONTHS[2], 4000000, company=cls.company_3, team=cls.team_c)
        cls.snap(cls.orders_ind, MONTHS[2], 5)
        cls.snap(cls.orders_ind, MONTHS[2], 7, company=cls.company_3)
        for company, value in ((cls.company, 300), (cls.company_3, 4000000)):
            cls.snap(
                cls.tier_value_ind, MONTHS[2], value, company=company, breakdown=str(cls.tier.id)
            )

    def both(self, **filters):
        dashboard = (
            self.env["crm.customer.dashboard"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, self.company_3.id])
        )
        return dashboard.get_dashboard_data(filters)

    def test_amounts_converted_before_they_are_added(self):
        data = self.both()
        self.assertEqual(data["currency_id"], self.currency.id)
        card = self.card(data, "sales_amount")
        # 1,000 + 8,000,000 IRR at November's last day's 40,000 IRR per unit (not 8,001,000)
        self.assertAlmostEqual(card["value"], 1200)
        self.assertEqual(card["state"], "measured")
        # The months with snapshots: September (50,000 IRR per unit) and November.
        self.assertEqual(len(card["trend"]), 2)
        self.assertAlmostEqual(card["trend"][0], 100 + 100)
        self.assertAlmostEqual(card["trend"][1], 1200)
        self.assertAlmostEqual(self.card(self.both(period=3), "sales_amount")["value"], 1400)
        # Counts are not converted.
        self.assertEqual(self.card(data, "sales_count")["value"], 12)
        # The pyramid's tier value, and a team of the IRR company beside the others.
        tier = next(t for t in data["pyramid"]["tiers"] if t["id"] == self.tier.id)
        self.assertAlmostEqual(tier["values"]["tier_value"], 300 + 100)
        row = next(r for r in data["teams"]["rows"] if r["code"] == "sales_amount")
        index = [t["id"] for t in data["teams"]["teams"]].index(self.team_c.id)
        self.assertAlmostEqual(row["values"][index]["value"], 100)

    def test_one_company_alone_is_not_converted(self):
        data = self.both(company_id=self.company_3.id)
        self.assertEqual(data["currency_id"], self.irr.id)
        self.assertEqual(self.card(data, "sales_amount")["value"], 8000000)
        self.assertEqual(self.card(data, "sales_count")["value"], 7)
        data = self.both(company_id=self.company.id)
        self.assertEqual(data["currency_id"], self.currency.id)
        self.assertEqual(self.card(data, "sales_amount")["value"], 1000)
        self.assertEqual(self.card(data, "sales_count")["value"], 5)

    def test_a_missing_rate_says_so_instead_of_counting_one_for_one(self):
        # No IRR rate before November 20th: September's IRR amounts cannot be converted
        # (Odoo's _convert would take 1 IRR for 1 unit of the company's currency).
        self.rates[datetime.date(2025, 1, 1)].unlink()
        card = self.card(self.both(period=3), "sales_amount")
        self.assertIs(card["value"], False)
        self.assertEqual(card["state"], "unavailable")
        self.assertIn("IRR", card["reason"])
        self.assertIs(card["trend"][0], False)
        self.assertAlmostEqual(card["trend"][1], 1200)
        self.assertAlmostEqual(self.card(self.both(), "sales_amount")["value"], 1200)
        # Figures without an amount are not affected.
        self.assertEqual(self.card(self.both(period=3), "sales_count")["value"], 12)

    def test_the_live_month_takes_todays_rate(self):
        today = self.Snapshot._kpi_today(self.company_3)
        month = self.company_3._kpi_month_start(today)
        self.snap(self.amount_ind, month, 8000000, company=self.company_3)
        month_end = self.company_3._kpi_next_month_start(month) - datetime.timedelta(days=1)
        if month_end > today:
            # A rate entered ahead for a day to come is not today's.
            self.env["res.currency.rate"].create(
                {
                    "currency_id": self.irr.id,
                    "company_id": self.company.id,
                    "name": month_end,
                    "rate": 1.0,
                }
            )
        card = self.card(self.both(), "sales_amount")
        self.assertAlmostEqual(card["value"], 8000000 / 100000)
