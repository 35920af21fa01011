import datetime
import re

from odoo.tests import tagged

from .. import uninstall_hook
from .common import JalaliCase


@tagged("post_install", "-at_install")
class TestJalaliGroupBy(JalaliCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Aban 30 and Azar 1 1404 fall in the same Gregorian month (November 2025).
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": "Jalali group Aban",
                    "user_id": cls.salesman_fa.id,
                    "date_deadline": datetime.date(2025, 11, 21),
                    # 23:45 on Aban 30 in Tehran
                    "date_closed": datetime.datetime(2025, 11, 21, 20, 15),
                },
                {
                    "name": "Jalali group Azar",
                    "user_id": cls.salesman_fa.id,
                    "date_deadline": datetime.date(2025, 11, 22),
                    # 00:15 on Azar 1 in Tehran
                    "date_closed": datetime.datetime(2025, 11, 21, 20, 45),
                },
            ]
        )

    def _read_group(self, groupby, **context):
        Lead = (
            self.env["crm.lead"]
            .with_user(self.salesman_fa)
            .with_context(lang="fa_IR", tz="Asia/Tehran", **context)
        )
        groups = Lead.read_group([("id", "in", self.leads.ids)], ["__count"], [groupby])
        return Lead, groups

    def test_group_by_month_follows_jalali_months(self):
        """The web client of a Persian user groups Aban 30 and Azar 1 apart."""
        Lead, groups = self._read_group("date_deadline:month", jalali_periods=True)
        self.assertEqual(
            [(g["date_deadline:month"], g["date_deadline_count"]) for g in groups],
            [("آبان 1404", 1), ("آذر 1404", 1)],
        )
        self.assertEqual(
            groups[1]["__range"]["date_deadline:month"], {"from": "2025-11-22", "to": "2025-12-22"}
        )
        for group in groups:
            self.assertEqual(Lead.search_count(group["__domain"]), 1)

    def test_group_datetime_by_month_in_tehran_time(self):
        """Datetimes are grouped by the Jalali month of their Tehran day."""
        Lead, groups = self._read_group("date_closed:month", jalali_periods=True)
        self.assertEqual([g["date_closed:month"] for g in groups], ["آبان 1404", "آذر 1404"])
        self.assertEqual(
            groups[1]["__range"]["date_closed:month"]["from"],
            "2025-11-21 20:30:00",  # Azar 1, 00:00 in Tehran
        )
        self.assertEqual(Lead.search(groups[1]["__domain"]).mapped("name"), ["Jalali group Azar"])

    def test_group_by_year_and_fill_temporal(self):
        """Jalali years; Odoo's Gregorian gap filling is not mixed in."""
        _Lead, groups = self._read_group(
            "date_deadline:year", jalali_periods=True, fill_temporal=True
        )
        self.assertEqual(
            [(g["date_deadline:year"], g["date_deadline_count"]) for g in groups], [("1404", 2)]
        )

    def test_server_code_keeps_gregorian_months(self):
        """Without the web client's flag (crons, other addons) months stay Gregorian."""
        _Lead, groups = self._read_group("date_deadline:month")
        self.assertEqual(len(groups), 1)
        self.assertEqual(
            groups[0]["__range"]["date_deadline:month"], {"from": "2025-11-01", "to": "2025-12-01"}
        )

    def test_python_read_group_keeps_gregorian_months_in_a_persian_request(self):
        """Python code run from a Persian user's click (_read_group) gets Gregorian
        month starts: only the web client's read_group follows Jalali months."""
        Lead = self.env["crm.lead"].with_user(self.salesman_fa).with_context(jalali_periods=True)
        rows = Lead._read_group(
            [("id", "in", self.leads.ids)], ["date_deadline:month"], ["__count"]
        )
        self.assertEqual(rows, [(datetime.date(2025, 11, 1), 2)])

    def test_web_read_group_of_the_list_view(self):
        """The grouped list's web_read_group shows Jalali months too."""
        Lead = (
            self.env["crm.lead"]
            .with_user(self.salesman_fa)
            .with_context(lang="fa_IR", tz="Asia/Tehran", jalali_periods=True)
        )
        result = Lead.web_read_group(
            [("id", "in", self.leads.ids)], ["date_deadline"], ["date_deadline:month"]
        )
        self.assertEqual(result["length"], 2)
        self.assertEqual(
            [g["date_deadline:month"] for g in result["groups"]], ["آبان 1404", "آذر 1404"]
        )

    def test_uninstall_drops_the_sql_calendar(self):
        """Uninstalling leaves neither the function nor the month table."""
        self.env.cr.execute(
            "SELECT to_regproc('crm_jalali_trunc'), to_regclass('crm_jalali_month')"
        )
        self.assertTrue(all(self.env.cr.fetchone()))
        uninstall_hook(self.env)
        self.env.cr.execute(
            "SELECT to_regproc('crm_jalali_trunc'), to_regclass('crm_jalali_month')"
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None))


@tagged("post_install", "-at_install")
class TestJalaliWeeksAndDays(JalaliCase):
    """Group by week and day: the same days as Odoo's, labelled in Jalali."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Thursday Esfand 30 1403 (leap), Friday Nowruz 1404, Saturday Farvardin 2.
        cls.leads = cls.env["crm.lead"].create(
            [
                {"name": f"Jalali week {day}", "user_id": cls.salesman_fa.id,
                 "date_deadline": datetime.date(2025, 3, day)}
                for day in (20, 21, 22)
            ]
        )  # fmt: skip

    def _groups(self, groupby, lang="fa_IR", **context):
        Lead = (
            self.env["crm.lead"]
            .with_user(self.salesman_fa)
            .with_context(lang=lang, tz="Asia/Tehran", **context)
        )
        groups = Lead.read_group([("id", "in", self.leads.ids)], ["__count"], [groupby])
        return Lead, groups

    def test_week_across_nowruz_is_week_one_of_the_new_year(self):
        """Weeks start on Saturday; the one holding Nowruz is week 1 of 1404."""
        Lead, groups = self._groups("date_deadline:week", jalali_periods=True)
        self.assertEqual(
            [(re.findall(r"\d+", g["date_deadline:week"]), g["date_deadline_count"])
             for g in groups],
            [(["1", "1404"], 2), (["2", "1404"], 1)],
        )  # fmt: skip
        self.assertEqual(
            groups[0]["__range"]["date_deadline:week"], {"from": "2025-03-15", "to": "2025-03-22"}
        )
        self.assertEqual(Lead.search_count(groups[0]["__domain"]), 2)

    def test_day_labels_in_jalali(self):
        _Lead, groups = self._groups("date_deadline:day", jalali_periods=True)
        self.assertEqual(
            [g["date_deadline:day"] for g in groups],
            ["30 اسفند 1403", "01 فروردین 1404", "02 فروردین 1404"],
        )

    def test_datetime_day_in_tehran_time(self):
        """00:30 on Nowruz in Tehran is the Nowruz group, although it is Esfand 30 in UTC."""
        self.lead.user_id = self.salesman_fa
        Lead = (
            self.env["crm.lead"]
            .with_user(self.salesman_fa)
            .with_context(lang="fa_IR", tz="Asia/Tehran", jalali_periods=True)
        )
        groups = Lead.read_group([("id", "=", self.lead.id)], ["__count"], ["date_closed:day"])
        self.assertEqual([g["date_closed:day"] for g in groups], ["01 فروردین 1404"])

    def test_english_weeks_unchanged(self):
        """Without the web client's Jalali flag (English users) Odoo's labels stay."""
        _Lead, groups = self._groups("date_deadline:week", lang="en_US")
        self.assertTrue(all(re.fullmatch(r"W\d+ 2025", g["date_deadline:week"]) for g in groups))
        _Lead, groups = self._groups("date_deadline:day", lang="en_US")
        self.assertEqual(groups[0]["date_deadline:day"], "20 Mar 2025")
