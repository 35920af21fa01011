import datetime

import pytz

from odoo import api, models
from odoo.tools import SQL, format_date


class ResCompany(models.Model):
    _inherit = "res.company"

    # A company's own partner and the contacts filed under it are internal customers; the
    # scope is computed from the companies when a partner changes, so a company created or
    # re-pointed later must tell its partners itself.

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.partner_id._recompute_customer_scope()
        return companies

    def write(self, vals):
        previous = self.partner_id if "partner_id" in vals else self.env["res.partner"]
        result = super().write(vals)
        if "partner_id" in vals:
            (previous | self.partner_id)._recompute_customer_scope()
        return result

    # Where the suite's months start. Every monthly figure of the suite (KPIs, value
    # moves, reports grouped in SQL) cuts its months here, so a calendar addon
    # (crm_jalali_calendar) changes them all by overriding these methods.

    def _kpi_month_start(self, day):
        """First day (a Gregorian date) of the month holding ``day`` for this company."""
        self.ensure_one()
        if isinstance(day, datetime.datetime):
            day = day.date()
        return day.replace(day=1)

    def _kpi_next_month_start(self, day):
        """First day of the month after the one holding ``day``."""
        start = self._kpi_month_start(day)
        return (start + datetime.timedelta(days=32)).replace(day=1)

    def _kpi_month_label(self, month):
        """The month starting on ``month``, named in the reader's language."""
        return format_date(self.env, month, date_format="MMMM y")

    @api.model
    def _kpi_month_start_sql(self, day_sql, company_sql):
        """SQL of the first day (a date) of the month holding the date ``day_sql`` for
        the company whose id is ``company_sql``: ``_kpi_month_start`` for reports that
        group their rows in SQL, each row by its own company's months."""
        return SQL("date_trunc('month', %s)::date", day_sql)

    # Where the company's days start. A datetime is stored in UTC; it falls in the month
    # of its day in the company's time zone, so the suite's monthly figures cut their
    # months at the company's midnight (a date, such as an invoice date, is already a
    # day of the company and is compared as it is).

    def _kpi_timezone(self):
        """Name of the time zone the company's days run in: that of its working hours
        (resource.calendar.tz, required on a calendar; the zone Odoo's own digest KPIs
        use), else that of its partner (res.partner.tz), else UTC."""
        self.ensure_one()
        company = self.sudo()
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"

    def _kpi_day_start(self, day):
        """The UTC moment (a naive datetime, as Odoo stores them) the company's ``day``
        starts at: its first instant in the company's time zone, also on a day whose
        midnight a daylight-saving change skips or repeats."""
        self.ensure_one()
        tz = pytz.timezone(self._kpi_timezone())
        midnight = datetime.datetime.combine(day, datetime.time.min)
        moments = []
        for is_dst in (True, False):
            moment = tz.localize(midnight, is_dst=is_dst).astimezone(pytz.utc)
            if moment.astimezone(tz).date() == day:
                moments.append(moment)
        return min(moments).replace(tzinfo=None)

    @api.model
    def _kpi_local_day_sql(self, at_sql, company_sql):
        """SQL of the day (a date) the UTC datetime ``at_sql`` falls on in the time zone of
        the company whose id is ``company_sql``: ``_kpi_timezone`` for reports that group
        their rows in SQL (give it to ``_kpi_month_start_sql`` to cut a datetime at the
        company's months)."""
        self.flush_model(["resource_calendar_id", "partner_id"])
        self.env["resource.calendar"].flush_model(["tz"])
        self.env["res.partner"].flush_model(["tz"])
        return SQL(
            """((%s) AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(
                   (SELECT COALESCE(rc.tz, p.tz) FROM res_company co
                      LEFT JOIN resource_calendar rc ON rc.id = co.resource_calendar_id
                      LEFT JOIN res_partner p ON p.id = co.partner_id
                     WHERE co.id = %s), 'UTC'))::date""",
            at_sql,
            company_sql,
        )
