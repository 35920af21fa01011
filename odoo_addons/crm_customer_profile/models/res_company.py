import datetime

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
