"""Group by month / quarter / year in Jalali periods for the web client of a Jalali user.

Only the web client's grouping entry points (``web_read_group``, ``read_group``) of
requests carrying the ``jalali_periods`` context key (set in the session's user context
by ir.http for Jalali languages) are affected. Python code calling ``_read_group`` (KPIs,
crons, other addons), even inside such a request, keeps PostgreSQL's Gregorian
``date_trunc``: its callers expect Gregorian month starts."""

import datetime

import pytz

from odoo import api, models
from odoo.fields import Date, Datetime
from odoo.osv import expression
from odoo.tools import SQL

from . import jalali, jalali_format

JALALI_GRANULARITIES = ("month", "quarter", "year")
# Days and weeks are the same days in both calendars (weeks start on the language's
# first day, Saturday for Persian): Odoo groups them; only their labels become Jalali.
JALALI_LABELLED_GRANULARITIES = ("week", "day")


class Base(models.AbstractModel):
    _inherit = "base"

    def _jalali_grouping(self):
        """This model, grouping by Jalali periods if the web client asked for them."""
        if self.env.context.get("jalali_periods"):
            return self.with_context(jalali_group_periods=True)
        return self

    @api.model
    def web_read_group(self, domain, fields, groupby, *args, **kwargs):
        return super(Base, self._jalali_grouping()).web_read_group(
            domain, fields, groupby, *args, **kwargs
        )

    @api.model
    def read_group(self, domain, fields, groupby, *args, **kwargs):
        return super(Base, self._jalali_grouping()).read_group(
            domain, fields, groupby, *args, **kwargs
        )

    def _jalali_granularity(self, groupby_spec, granularities=JALALI_GRANULARITIES):
        """The Jalali period of a date group-by spec, or None if it stays Gregorian."""
        if not self.env.context.get("jalali_group_periods"):
            return None
        fname, _sep, granularity = groupby_spec.partition(":")
        field = self._fields.get(fname)
        if not field or field.type not in ("date", "datetime"):
            return None
        granularity = granularity or "month"
        return granularity if granularity in granularities else None

    def _read_group_groupby(self, groupby_spec, query):
        granularity = self._jalali_granularity(groupby_spec)
        if not granularity:
            return super()._read_group_groupby(groupby_spec, query)
        fname = groupby_spec.split(":")[0]
        # Odoo's day truncation already applies the user's time zone to datetimes.
        day = super()._read_group_groupby(f"{fname}:day", query)
        start = SQL("crm_jalali_trunc(%s, (%s)::date)", granularity, day)
        if self._fields[fname].type == "datetime":
            return SQL("%s::timestamp", start)
        return start

    def _read_group_fill_temporal(self, data, groupby, *args, **kwargs):
        # Odoo fills gaps with Gregorian periods, which would interleave with ours.
        if groupby and self._jalali_granularity(groupby[0]):
            return data
        return super()._read_group_fill_temporal(data, groupby, *args, **kwargs)

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        jalali_groups = [group for group in lazy_groupby if self._jalali_granularity(group)]
        # Odoo replaces the group's day by its label: keep the days to relabel them.
        labelled_days = {
            group: [row[group] for row in rows_dict]
            for group in lazy_groupby
            if self._jalali_granularity(group, JALALI_LABELLED_GRANULARITIES)
        }
        result = super()._read_group_format_result(
            rows_dict, [group for group in lazy_groupby if group not in jalali_groups]
        )
        for group in jalali_groups:
            self._jalali_format_groups(rows_dict, group)
        for group, days in labelled_days.items():
            self._jalali_label_days(rows_dict, group, days)
        return result

    def _jalali_label_days(self, rows_dict, group, days):
        """Jalali labels of day and week groups (``01 فروردین 1404``, ``هفته 1 1404``);
        their ranges and domains stay Odoo's."""
        granularity = self._jalali_granularity(group, JALALI_LABELLED_GRANULARITIES)
        lang = jalali_format.jalali_lang(self.env)
        digits = bool(lang and lang.jalali_persian_digits)
        for row, day in zip(rows_dict, days, strict=True):
            if not day:
                continue
            day = day.date() if isinstance(day, datetime.datetime) else day
            if granularity == "day":
                row[group] = jalali.format_day(day, digits)
                continue
            year, week = jalali.week_of(day)
            text = self.env._("W%(week)s %(year)s", week=week, year=year)
            row[group] = text.translate(jalali.PERSIAN_DIGITS) if digits else text

    def _jalali_format_groups(self, rows_dict, group):
        """Label, ``__range`` and ``__domain`` of each Jalali period group."""
        fname = group.split(":")[0]
        granularity = self._jalali_granularity(group)
        is_datetime = self._fields[fname].type == "datetime"
        months = {"month": 1, "quarter": 3, "year": 12}[granularity]
        lang = jalali_format.jalali_lang(self.env)
        for row in rows_dict:
            start = row[group]
            if not start:
                row.setdefault("__range", {})[group] = False
                row["__domain"] = expression.AND([row["__domain"], [(fname, "=", False)]])
                continue
            first_day = start.date() if isinstance(start, datetime.datetime) else start
            end_day = first_day
            for _month in range(months):
                end_day = jalali.next_month_start(end_day)
            bounds = [first_day, end_day]
            if is_datetime:
                bounds = [self._jalali_local_to_utc(day) for day in bounds]
                bounds = [Datetime.to_string(value) for value in bounds]
            else:
                bounds = [Date.to_string(value) for value in bounds]
            row[group] = self._jalali_group_label(first_day, granularity, lang)
            row.setdefault("__range", {})[group] = {"from": bounds[0], "to": bounds[1]}
            row["__domain"] = expression.AND(
                [row["__domain"], ["&", (fname, ">=", bounds[0]), (fname, "<", bounds[1])]]
            )

    def _jalali_local_to_utc(self, day):
        """Naive UTC datetime of midnight on ``day`` in the user's time zone (as Odoo's
        own group ranges)."""
        local = datetime.datetime.combine(day, datetime.time.min)
        tz_name = self.env.context.get("tz")
        if tz_name not in pytz.all_timezones_set:
            return local
        return pytz.timezone(tz_name).localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _jalali_group_label(self, first_day, granularity, lang):
        jy, jm, _jd = jalali.to_jalali(first_day)
        if granularity == "month":
            text = jalali.format_month(first_day)
        elif granularity == "quarter":
            text = f"Q{(jm + 2) // 3} {jy}"
        else:
            text = str(jy)
        if lang and lang.jalali_persian_digits:
            text = text.translate(jalali.PERSIAN_DIGITS)
        return text
