"""Server-side formatting of dates for languages that use the Jalali calendar.

Babel (Odoo's formatter) only knows the Gregorian calendar. We replace the calendar
fields of an LDML pattern (year, month, day) by quoted Jalali literals and let Babel
render the rest (weekday names, hours, separators) in the recipient's locale, so
any pattern a report or template passes keeps working.
"""

import datetime
import re

import babel.dates

from odoo import fields
from odoo.tools.misc import babel_locale_parse, get_lang, posix_to_ldml

from . import jalali

# A quoted literal ('...' with '' as an escaped quote) or a run of one pattern letter.
_LDML_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)
_CALENDAR_FIELDS = "yYuMLd"


def jalali_lang(env, lang_code=None):
    """The res.lang record when it writes dates in Jalali, else None."""
    lang = get_lang(env, lang_code)
    record = env["res.lang"]._lang_get(lang.code)
    return record if record and record.jalali_calendar else None


def _jalali_literal(token, jy, jm, jd):
    letter = token[0]
    if letter in "yYu":
        text = f"{jy:02d}"[-2:] if len(token) == 2 else str(jy)
    elif letter in "ML":
        text = jalali.MONTH_NAMES_FA[jm - 1] if len(token) >= 3 else f"{jm:0{len(token)}d}"
    else:
        text = f"{jd:0{len(token)}d}"
    return "'" + text + "'"


def jalali_pattern(pattern, value):
    """The LDML ``pattern`` with its year, month and day fields written in Jalali."""
    jy, jm, jd = jalali.to_jalali(
        value if not isinstance(value, datetime.datetime) else value.date()
    )
    parts = []
    for match in _LDML_TOKEN.finditer(pattern):
        token = match.group(0)
        if match.group(1) and token[0] in _CALENDAR_FIELDS:
            token = _jalali_literal(token, jy, jm, jd)
        parts.append(token)
    return "".join(parts)


# Babel's names for a locale's own patterns ("medium" is d MMM y in Persian).
NAMED_FORMATS = ("short", "medium", "long", "full")


def _named(patterns, name):
    pattern = patterns[name]
    return getattr(pattern, "pattern", pattern)  # a DateTimePattern, or a plain string


def date_pattern(date_format, lang, locale):
    """The LDML pattern of ``date_format``: the language's own when none is given, the
    locale's when named (read letter by letter, "full" would print f1404ll)."""
    if not date_format:
        return posix_to_ldml(lang.date_format, locale=locale)
    if date_format in NAMED_FORMATS:
        return _named(locale.date_formats, date_format)
    return date_format


def datetime_pattern(dt_format, lang, locale, hide_seconds=False):
    """The LDML pattern of ``dt_format`` for a date and time.

    No format, or Odoo's default "medium", is the language's own date and time formats
    (1404/01/01 00:30:00, as the web client writes a datetime); "short", "long" and
    "full" are the locale's date and time patterns joined the locale's way."""
    if not dt_format or dt_format == "medium":
        time_format = lang.short_time_format if hide_seconds else lang.time_format
        return posix_to_ldml(f"{lang.date_format} {time_format}", locale=locale)
    if dt_format in NAMED_FORMATS:
        return (
            _named(locale.datetime_formats, dt_format)
            .replace("{1}", _named(locale.date_formats, dt_format))
            .replace("{0}", _named(locale.time_formats, dt_format))
        )
    return dt_format


def _digits(lang, text):
    return text.translate(jalali.PERSIAN_DIGITS) if lang.jalali_persian_digits else text


def format_date(env, value, lang, date_format=False):
    """``value`` (date or naive UTC datetime) as a Jalali date in ``lang``."""
    if isinstance(value, str):
        value = (
            fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
        )
    if isinstance(value, datetime.datetime) and not value.tzinfo:
        value = fields.Datetime.context_timestamp(env["res.lang"], value)
    locale = babel_locale_parse(lang.code)
    pattern = date_pattern(date_format, lang, locale)
    text = babel.dates.format_date(value, format=jalali_pattern(pattern, value), locale=locale)
    return _digits(lang, text)


def format_datetime(env, value, lang, tz=False, dt_format=False, hide_seconds=False):
    """``value`` (naive UTC datetime) as a Jalali date and local time in ``lang``."""
    if isinstance(value, str):
        value = fields.Datetime.to_datetime(value)
    if not value.tzinfo:
        value = value.replace(tzinfo=datetime.timezone.utc)
    tzinfo = babel.dates.get_timezone(tz or env.context.get("tz") or env.user.tz or "UTC")
    local = value.astimezone(tzinfo)
    locale = babel_locale_parse(lang.code)
    pattern = datetime_pattern(dt_format, lang, locale, hide_seconds)
    text = babel.dates.format_datetime(
        local, format=jalali_pattern(pattern, local), tzinfo=tzinfo, locale=locale
    )
    return _digits(lang, text)
