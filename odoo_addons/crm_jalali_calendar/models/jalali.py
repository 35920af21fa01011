"""Solar Hijri (Jalali) <-> Gregorian arithmetic, pure Python.

The same algorithm as the web client's ``static/src/core/jalaali.js``: jalaali-js
(https://github.com/jalaali/jalaali-js, MIT, Behrang Noruzi Niya) after Kazimierz
M. Borkowski's break table, exact for the astronomical calendar of Iran in the years
-61..3177. Kept dependency-free so the server and the browser agree day for day.
"""

import datetime

_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262,
    2324, 2394, 2456, 3178,
)  # fmt: skip

MONTH_NAMES_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _div(a, b):
    # Truncating division as in the JS original (Python's // floors).
    return int(a / b)


def _mod(a, b):
    return a - _div(a, b) * b


class JalaliOutOfRange(ValueError):
    """A date before the tables' first year (Jalali -61) or after their last: a mistyped
    year such as 0001-01-01 rather than a date anyone lived."""


def _jal_cal(jy):
    """Return (gregorian year of Nowruz, March day of Nowruz, years since leap)."""
    if jy < _BREAKS[0] or jy >= _BREAKS[-1]:
        raise JalaliOutOfRange(f"Jalali year out of range: {jy}")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return gy, march, leap


def is_leap(jy):
    return _jal_cal(jy)[2] == 0


def month_length(jy, jm):
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_leap(jy) else 29


def to_gregorian(jy, jm, jd):
    """Return the ``datetime.date`` of the Jalali date jy/jm/jd."""
    if not 1 <= jm <= 12 or not 1 <= jd <= month_length(jy, jm):
        raise ValueError(f"Invalid Jalali date: {jy}/{jm}/{jd}")
    gy, march, _leap = _jal_cal(jy)
    nowruz = datetime.date(gy, 3, march)
    return nowruz + datetime.timedelta(days=(jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1)


def to_jalali(value):
    """Return (year, month, day) in Jalali of a ``datetime.date``."""
    jy = value.year - 621
    gy, march, _leap = _jal_cal(jy)
    k = (value - datetime.date(gy, 3, march)).days
    if k < 0:
        jy -= 1
        gy, march, _leap = _jal_cal(jy)
        k = (value - datetime.date(gy, 3, march)).days
    if k <= 185:
        return jy, 1 + k // 31, k % 31 + 1
    k -= 186
    return jy, 7 + k // 30, k % 30 + 1


def month_start(value):
    """The Gregorian date on which the Jalali month of ``value`` starts."""
    jy, jm, _jd = to_jalali(value)
    return to_gregorian(jy, jm, 1)


def next_month_start(value):
    """The Gregorian date on which the Jalali month after that of ``value`` starts."""
    jy, jm, _jd = to_jalali(value)
    return to_gregorian(jy + jm // 12, jm % 12 + 1, 1)


def format_jalali(value, persian_digits=False, with_time=None):
    """``1404/09/02`` (and `` 14:30`` for a time) the way Iran writes dates."""
    jy, jm, jd = to_jalali(value)
    text = f"{jy:04d}/{jm:02d}/{jd:02d}"
    if with_time is not None:
        text = f"{text} {with_time:%H:%M}"
    return text.translate(PERSIAN_DIGITS) if persian_digits else text


# The months' names as readers of other languages write them (Farvardin 1404): a Jalali
# month has no Gregorian name.
MONTH_NAMES_LATIN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)


def format_month_latin(value):
    """``Azar 1404``: a Jalali month named for a reader whose language is not Jalali."""
    jy, jm, _jd = to_jalali(value)
    return f"{MONTH_NAMES_LATIN[jm - 1]} {jy}"


def format_month(value, persian_digits=False):
    """``آذر 1404``: the Jalali month spelled out, for group and report headers."""
    jy, jm, _jd = to_jalali(value)
    text = f"{MONTH_NAMES_FA[jm - 1]} {jy}"
    return text.translate(PERSIAN_DIGITS) if persian_digits else text


def format_day(value, persian_digits=False):
    """``01 فروردین 1404``: a day spelled out, for group-by-day headers."""
    jy, jm, jd = to_jalali(value)
    text = f"{jd:02d} {MONTH_NAMES_FA[jm - 1]} {jy}"
    return text.translate(PERSIAN_DIGITS) if persian_digits else text


def week_of(week_start):
    """(Jalali year, week number) of the week that starts on the date ``week_start``.

    Week 1 of a Jalali year is the week holding its Nowruz (1 Farvardin), so a week
    across the year boundary belongs to the new year, and the weeks of a year are
    counted from there on the same weekday as ``week_start``.
    """
    jy = to_jalali(week_start + datetime.timedelta(days=6))[0]
    nowruz = to_gregorian(jy, 1, 1)
    first_week = nowruz - datetime.timedelta(days=(nowruz - week_start).days % 7)
    return jy, (week_start - first_week).days // 7 + 1
