import datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from .common import KpiCase

D = datetime.date
DT = datetime.datetime
NOV, DEC = D(2025, 11, 1), D(2025, 12, 1)


@tagged("post_install", "-at_install")
class TestKpiLocalMonths(KpiCase):
    """A month is the company's: a datetime (stored in UTC) counts in the month of its day
    in the company's time zone, a date (an invoice date) in the month of that day. The
    records sit on the night from 30 November to 1 December 2025, so that Tehran
    (UTC+03:30) and New York (UTC-05:00) put them in different months than UTC does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.cust_a, cls.cust_b
        # 21:00 UTC on 30 Nov: 00:30 on 1 Dec in Tehran, 16:00 on 30 Nov in New York.
        cls.late = DT(2025, 11, 30, 21, 0)
        # 03:00 UTC on 1 Dec: 06:30 on 1 Dec in Tehran, 22:00 on 30 Nov in New York.
        cls.early = DT(2025, 12, 1, 3, 0)
        cls.late_order = cls.order(a, cls.team_a, 1, when=cls.late)
        cls.early_order = cls.order(b, cls.team_b, 2, when=cls.early)
        cls.late_complaint = cls.complaint(a, "product", cls.late)
        cls.early_complaint = cls.complaint(b, "product", cls.early)
        # Dates are a day of the company already: never shifted.
        cls.nov_refund = cls.invoice(a, D(2025, 11, 30), move_type="out_refund")
        cls.dec_refund = cls.invoice(b, D(2025, 12, 1), move_type="out_refund")
        cls.dec_invoice = cls.invoice(cls.cust_c, D(2025, 12, 1))
        # Order to invoice without Inventory: counted by the invoice's date.
        cls.invoiced_order = cls.order(cls.cust_c, False, 1, when=DT(2025, 11, 20, 10))
        invoice = cls.invoiced_order._create_invoices()
        invoice.invoice_date = D(2025, 12, 1)
        invoice.action_post()
        # A satisfaction entry (a datetime) on the late night.
        cls.entry = cls.cust_c.record_satisfaction("delighted", date=cls.late)
        cls.Company = cls.env["res.company"]

    def use_timezone(self, tz):
        self.assertTrue(self.company.resource_calendar_id, "a company has working hours")
        self.company.resource_calendar_id.tz = tz

    def compute(self):
        ranges = self.Snapshot._kpi_ranges(self.company, D(2025, 12, 15), 2)
        self.assertEqual([r["month"] for r in ranges], [NOV, DEC])
        with patch.object(type(self.Snapshot), "_has_inventory", lambda self: False):
            figures, _unavailable = self.Snapshot._kpi_compute(ranges)
        return figures

    def value(self, figures, month, code, breakdown=False):
        figure = figures.get((self.company.id, month, False, code, breakdown))
        return figure[0] if figure else None

    def records(self, code, month, breakdown=False):
        with patch.object(type(self.Snapshot), "_has_inventory", lambda self: False):
            action = self.Snapshot.action_open_records(
                code, month, self.company.id, False, breakdown
            )
        return (
            self.env[action["res_model"]].with_context(active_test=False).search(action["domain"])
        )

    # The time zone -----------------------------------------------------------------------

    def test_timezone_of_working_hours_else_partner_else_utc(self):
        self.use_timezone("Asia/Tehran")
        self.company.partner_id.tz = "Europe/Paris"
        self.assertEqual(self.company._kpi_timezone(), "Asia/Tehran")
        self.company.resource_calendar_id = False
        self.assertEqual(self.company._kpi_timezone(), "Europe/Paris")
        self.company.partner_id.tz = False
        self.assertEqual(self.company._kpi_timezone(), "UTC")

    def test_day_start(self):
        self.use_timezone("Asia/Tehran")
        self.assertEqual(self.company._kpi_day_start(DEC), DT(2025, 11, 30, 20, 30))
        # Tehran's clocks went from 00:00 to 01:00 on 22 March 2021: the day still starts
        # at the instant its first hour does.
        self.assertEqual(self.company._kpi_day_start(D(2021, 3, 22)), DT(2021, 3, 21, 20, 30))
        self.use_timezone("America/New_York")
        self.assertEqual(self.company._kpi_day_start(DEC), DT(2025, 12, 1, 5, 0))

    # The figures ---------------------------------------------------------------------------

    def test_tehran_months(self):
        """00:30 on 1 December in Tehran is December; 06:30 too."""
        self.use_timezone("Asia/Tehran")
        figures = self.compute()
        self.assertEqual(self.value(figures, NOV, "complaints_product"), 0.0)
        self.assertEqual(self.value(figures, DEC, "complaints_product"), 2.0)
        # November: the order invoiced in December (20 November)
        self.assertEqual(self.value(figures, NOV, "sales_count"), 1.0)
        self.assertEqual(self.value(figures, DEC, "sales_count"), 2.0)
        self.assertEqual(self.value(figures, NOV, "refunds"), 1.0)
        self.assertEqual(self.value(figures, DEC, "refunds"), 1.0)
        self.assertIsNotNone(self.value(figures, DEC, "delivery_days"))
        self.assertIsNone(self.value(figures, NOV, "delivery_days"))
        self.assertEqual(self.value(figures, DEC, "satisfaction", "delighted"), 1.0)
        self.assertIsNone(self.value(figures, NOV, "satisfaction", "delighted"))
        # the drill-down lists what the figures count
        self.assertEqual(
            self.records("complaints_product", DEC), self.late_complaint | self.early_complaint
        )
        self.assertFalse(self.records("complaints_product", NOV))
        self.assertEqual(self.records("sales_count", DEC), self.late_order | self.early_order)
        self.assertEqual(self.records("sales_count", NOV), self.invoiced_order)
        self.assertEqual(self.records("refunds", DEC), self.dec_refund)
        self.assertEqual(self.records("refunds", NOV), self.nov_refund)
        self.assertEqual(self.records("delivery_days", DEC), self.invoiced_order)
        self.assertEqual(self.records("satisfaction", DEC, "delighted"), self.entry)
        self.assertFalse(self.records("satisfaction", NOV, "delighted"))
        # retention lists the customers it counts: nobody bought in the year before
        self.assertFalse(self.records("retention", DEC))

    def test_new_york_months(self):
        """22:00 on 30 November in New York is November; an invoice of 1 December is
        December all the same."""
        self.use_timezone("America/New_York")
        figures = self.compute()
        self.assertEqual(self.value(figures, NOV, "complaints_product"), 2.0)
        self.assertEqual(self.value(figures, DEC, "complaints_product"), 0.0)
        self.assertEqual(self.value(figures, NOV, "sales_count"), 3.0)
        self.assertEqual(self.value(figures, DEC, "sales_count"), 0.0)
        self.assertEqual(self.value(figures, NOV, "refunds"), 1.0)
        self.assertEqual(self.value(figures, DEC, "refunds"), 1.0)
        self.assertIsNotNone(self.value(figures, DEC, "delivery_days"))
        self.assertIsNone(self.value(figures, NOV, "delivery_days"))
        self.assertEqual(self.value(figures, NOV, "satisfaction", "delighted"), 1.0)
        self.assertEqual(
            self.records("complaints_product", NOV), self.late_complaint | self.early_complaint
        )
        self.assertFalse(self.records("complaints_product", DEC))
        self.assertEqual(
            self.records("sales_count", NOV),
            self.late_order | self.early_order | self.invoiced_order,
        )
        self.assertFalse(self.records("sales_count", DEC))
        self.assertEqual(self.records("refunds", DEC), self.dec_refund)
        self.assertEqual(self.records("refunds", NOV), self.nov_refund)
        self.assertEqual(self.records("delivery_days", DEC), self.invoiced_order)
        self.assertEqual(self.records("satisfaction", NOV, "delighted"), self.entry)
        # retention lists the customers it counts: nobody bought in the year before
        self.assertFalse(self.records("retention", DEC))

    def test_utc_months_unchanged(self):
        self.use_timezone("UTC")
        figures = self.compute()
        self.assertEqual(self.value(figures, NOV, "complaints_product"), 1.0)
        self.assertEqual(self.value(figures, DEC, "complaints_product"), 1.0)
        self.assertEqual(self.records("complaints_product", NOV), self.late_complaint)
        self.assertEqual(self.records("complaints_product", DEC), self.early_complaint)

    def test_live_month_is_the_companys(self):
        """At 21:00 UTC on 30 November it is already December in Tehran."""
        self.use_timezone("Asia/Tehran")
        self.assertEqual(self.Snapshot._kpi_today(self.company, self.late), DEC)
        self.use_timezone("America/New_York")
        self.assertEqual(self.Snapshot._kpi_today(self.company, self.early), D(2025, 11, 30))

    def test_local_day_in_sql(self):
        """The SQL twin of the time zone, for reports that group their rows in SQL."""
        Company = self.env["res.company"]
        for tz, day in (
            ("Asia/Tehran", D(2025, 12, 1)),
            ("America/New_York", D(2025, 11, 30)),
            ("UTC", D(2025, 11, 30)),
        ):
            self.use_timezone(tz)
            day_sql = Company._kpi_local_day_sql(
                SQL("%s::timestamp", self.late), SQL("%s", self.company.id)
            )
            self.env.cr.execute(SQL("SELECT %s", day_sql))
            self.assertEqual(self.env.cr.fetchone()[0], day, tz)
