import datetime

from odoo.tests import tagged
from odoo.tools import format_date, format_datetime

from odoo.addons.mail.wizard import mail_activity_schedule

from ..models import tools_format_date
from .common import JalaliCase

NOWRUZ = datetime.date(2025, 3, 21)
# 21:00 UTC on Esfand 30 1403 is 00:30 on Nowruz 1404 in Tehran (UTC+03:30).
NOWRUZ_EVE_UTC = datetime.datetime(2025, 3, 20, 21, 0)


@tagged("post_install", "-at_install")
class TestToolsFormatDate(JalaliCase):
    """Python code calling odoo.tools.format_date / format_datetime (chatter text,
    activity summaries) writes Jalali dates for Persian readers only."""

    def _env(self, user):
        return self.env(user=user, context={"lang": user.lang, "tz": user.tz})

    def test_persian_reader_gets_jalali_dates(self):
        env = self._env(self.salesman_fa)
        self.assertEqual(format_date(env, NOWRUZ), "1404/01/01")
        self.assertEqual(format_date(env, "2025-03-20"), "1403/12/30")  # leap Esfand 30
        self.assertEqual(format_date(env, NOWRUZ, date_format="MMMM y"), "فروردین 1404")
        # A datetime is a date in the reader's zone: Nowruz in Tehran.
        self.assertEqual(format_date(env, NOWRUZ_EVE_UTC), "1404/01/01")
        self.assertEqual(
            format_datetime(env, NOWRUZ_EVE_UTC, tz="Asia/Tehran"), "1404/01/01 00:30:00"
        )
        self.assertEqual(format_datetime(env, NOWRUZ_EVE_UTC, tz="UTC"), "1403/12/30 21:00:00")

    def test_a_year_the_jalali_tables_do_not_reach_reads_gregorian(self):
        """A complaint opened on a mistyped 0001-01-01 is refused with a message that
        names the date: formatting it for a Persian reader raised "Jalali year out of
        range: -620" instead. Outside the tables, Odoo's own text."""
        env = self._env(self.salesman_fa)
        year_one = datetime.date(1, 1, 1)
        self.assertEqual(
            format_date(env, year_one), tools_format_date._gregorian_format_date(env, year_one)
        )
        moment = datetime.datetime(1, 1, 2, 12, 0)
        self.assertEqual(
            format_datetime(env, moment, tz="UTC"),
            tools_format_date._gregorian_format_datetime(env, moment, tz="UTC"),
        )

    def test_english_reader_sees_no_change(self):
        """English output is exactly Odoo's own function's."""
        env = self._env(self.salesman_en)
        gregorian_date = tools_format_date._gregorian_format_date
        gregorian_datetime = tools_format_date._gregorian_format_datetime
        for value, fmt in ((NOWRUZ, False), (NOWRUZ, "MMMM y"), (NOWRUZ_EVE_UTC, False)):
            self.assertEqual(
                format_date(env, value, date_format=fmt),
                gregorian_date(env, value, date_format=fmt),
            )
        self.assertEqual(format_date(env, NOWRUZ), "03/21/2025")
        self.assertEqual(
            format_datetime(env, NOWRUZ_EVE_UTC, tz="Asia/Tehran"),
            gregorian_datetime(env, NOWRUZ_EVE_UTC, tz="Asia/Tehran"),
        )
        self.assertEqual(format_date(env, False), "")

    def test_lang_code_is_the_reader(self):
        """An explicit reader's language wins over the environment's."""
        self.assertEqual(
            format_date(self._env(self.salesman_en), NOWRUZ, lang_code="fa_IR"), "1404/01/01"
        )
        self.assertEqual(
            format_date(self._env(self.salesman_fa), NOWRUZ, lang_code="en_US"), "03/21/2025"
        )

    def test_language_without_the_flag_keeps_gregorian(self):
        self.env["res.lang"]._lang_get("fa_IR").jalali_calendar = False
        self.assertEqual(format_date(self._env(self.salesman_fa), NOWRUZ), "2025/03/21")

    def test_callers_that_imported_it_early_follow(self):
        """Modules that bound format_date before this addon loaded (mail's activity
        planner writes deadlines into activity summaries) get the Jalali one too."""
        env = self._env(self.salesman_fa)
        self.assertEqual(mail_activity_schedule.format_date(env, NOWRUZ), "1404/01/01")

    def test_persian_digits(self):
        self.env["res.lang"]._lang_get("fa_IR").jalali_persian_digits = True
        self.assertEqual(format_date(self._env(self.salesman_fa), NOWRUZ), "۱۴۰۴/۰۱/۰۱")

    def test_named_formats(self):
        """Babel's named formats (short, medium, long, full) were read as patterns:
        'medium' raised and 'full' printed "f1404ll". They are the locale's patterns,
        with the date in Jalali, on every path that formats a date by name."""
        env = self._env(self.salesman_fa)
        expected = {
            "short": "1404/1/1",
            "medium": "1 فروردین 1404",
            "long": "1 فروردین 1404",
            "full": "جمعه 1 فروردین 1404",
        }
        for name, text in expected.items():
            self.assertEqual(format_date(env, NOWRUZ, date_format=name), text, name)
        qweb_date = env["ir.qweb.field.date"]
        self.assertEqual(qweb_date.value_to_html(NOWRUZ, {"format": "full"}), expected["full"])
        # A datetime by name: Babel's date and time joined the locale's way, in Tehran.
        self.assertEqual(
            format_datetime(env, NOWRUZ_EVE_UTC, tz="Asia/Tehran", dt_format="short"),
            "1404/1/1،\u200f 0:30",
        )
        self.assertEqual(
            format_datetime(env, NOWRUZ_EVE_UTC, tz="Asia/Tehran", dt_format="full"),
            "جمعه 1 فروردین 1404، ساعت 0:30:00 (وقت عادی ایران)",
        )
        # English readers get Babel's own output, unchanged.
        env_en = self._env(self.salesman_en)
        self.assertEqual(format_date(env_en, NOWRUZ, date_format="full"), "Friday, March 21, 2025")
