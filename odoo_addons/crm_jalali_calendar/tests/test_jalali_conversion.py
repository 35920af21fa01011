import datetime

from odoo.tests import TransactionCase, tagged

from ..models import jalali


@tagged("post_install", "-at_install")
class TestJalaliConversion(TransactionCase):
    def test_nowruz_and_leap_esfand(self):
        """Nowruz 1404 is 2025-03-21; 1403 is leap so Esfand 30 exists, 1404's does not."""
        self.assertEqual(jalali.to_gregorian(1404, 1, 1), datetime.date(2025, 3, 21))
        self.assertEqual(jalali.to_jalali(datetime.date(2025, 3, 21)), (1404, 1, 1))
        self.assertEqual(jalali.to_gregorian(1403, 12, 30), datetime.date(2025, 3, 20))
        self.assertTrue(jalali.is_leap(1403))
        self.assertFalse(jalali.is_leap(1404))
        with self.assertRaises(ValueError):
            jalali.to_gregorian(1404, 12, 30)

    def test_round_trip_and_month_lengths(self):
        """Every day of 1300..1500 converts back to itself; months tile the year."""
        day = jalali.to_gregorian(1300, 1, 1)
        end = jalali.to_gregorian(1500, 1, 1)
        previous = None
        while day < end:
            jy, jm, jd = jalali.to_jalali(day)
            self.assertEqual(jalali.to_gregorian(jy, jm, jd), day)
            if previous:
                # consecutive days: next day of month, or day 1 after the month's last
                pjy, pjm, pjd = previous
                if jd == 1:
                    self.assertEqual(pjd, jalali.month_length(pjy, pjm))
                else:
                    self.assertEqual((jy, jm, jd), (pjy, pjm, pjd + 1))
            previous = (jy, jm, jd)
            day += datetime.timedelta(days=1)

    def test_month_start(self):
        self.assertEqual(
            jalali.month_start(datetime.date(2025, 11, 23)), datetime.date(2025, 11, 22)
        )
        self.assertEqual(
            jalali.next_month_start(datetime.date(2025, 3, 1)), datetime.date(2025, 3, 21)
        )
        self.assertEqual(jalali.format_month(datetime.date(2025, 11, 23)), "آذر 1404")
