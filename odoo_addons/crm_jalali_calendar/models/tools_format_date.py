"""``odoo.tools.format_date`` / ``format_datetime`` write Jalali dates for readers of a
Jalali language, wherever Python calls them (chatter messages, activity summaries,
exported text), not only in QWeb and mail templates.

Why the functions are swapped in every module that imported them: Odoo and its addons
bind them at import time (``from odoo.tools import format_date``), so replacing the
attribute of ``odoo.tools.misc`` alone would reach only some callers. At import of this
addon we replace the one original function object wherever a loaded module holds it
(``odoo.tools``, ``odoo.tools.misc``, ``mail``'s helpers, ...); modules imported later
read ``odoo.tools.format_date`` and get the wrapper too.

What the wrapper changes: nothing unless (1) this addon is installed in the database of
``env`` (a Python process may serve databases without it) and (2) the reader's
language (``lang_code`` or the environment's) has the Jalali flag. Then the date fields
of the pattern are Jalali (see ``jalali_format``); everything else (time, time zone,
other languages) is Odoo's own output.
"""

import sys

import odoo.tools
import odoo.tools.misc

from . import jalali, jalali_format

_gregorian_format_date = odoo.tools.misc.format_date
_gregorian_format_datetime = odoo.tools.misc.format_datetime


def _reader_jalali_lang(env, lang_code):
    """The reader's res.lang if it writes Jalali dates in this database, else None."""
    if "jalali_calendar" not in env["res.lang"]._fields:
        return None
    return jalali_format.jalali_lang(env, lang_code or None)


def format_date(env, value, lang_code=None, date_format=False):
    lang = value and _reader_jalali_lang(env, lang_code)
    if not lang:
        return _gregorian_format_date(env, value, lang_code=lang_code, date_format=date_format)
    if isinstance(value, str) and len(value) < len("2000-01-01"):
        return ""  # as Odoo: not a date
    try:
        return jalali_format.format_date(env, value, lang, date_format)
    except jalali.JalaliOutOfRange:
        # A year the Jalali tables do not reach (a mistyped 0001-01-01 in an error
        # message): Odoo's own text rather than a crash of the page or the message.
        return _gregorian_format_date(env, value, lang_code=lang_code, date_format=date_format)


def format_datetime(env, value, tz=False, dt_format="medium", lang_code=False):
    lang = value and _reader_jalali_lang(env, lang_code)
    if not lang:
        return _gregorian_format_datetime(
            env, value, tz=tz, dt_format=dt_format, lang_code=lang_code
        )
    # Odoo localizes in the given zone, else the user's (not the context's).
    try:
        return jalali_format.format_datetime(
            env, value, lang, tz=tz or env.user.tz or "UTC", dt_format=dt_format
        )
    except jalali.JalaliOutOfRange:
        return _gregorian_format_datetime(
            env, value, tz=tz, dt_format=dt_format, lang_code=lang_code
        )


format_date.__doc__ = _gregorian_format_date.__doc__
format_datetime.__doc__ = _gregorian_format_datetime.__doc__
_SWAPS = {
    id(_gregorian_format_date): format_date,
    id(_gregorian_format_datetime): format_datetime,
}


def _install():
    """Point every loaded module's reference to the originals at the wrappers."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not namespace or not getattr(module, "__name__", "").startswith("odoo"):
            continue
        for name in ("format_date", "format_datetime"):
            wrapper = _SWAPS.get(id(namespace.get(name)))
            if wrapper:
                namespace[name] = wrapper


_install()
