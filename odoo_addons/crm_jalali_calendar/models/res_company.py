import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from . import jalali, jalali_format, tools_format_date


class ResCompany(models.Model):
    _inherit = "res.company"

    jalali_kpi_months = fields.Boolean(
        string="KPIs by Jalali Month",
        help="The suite's monthly figures (KPIs, customer value recompute) are cut at "
        "Jalali month boundaries (1 Farvardin, 1 Ordibehesht...) instead of Gregorian ones.",
    )

    def _kpi_month_start(self, day):
        """The Jalali month's first day when the company counts in Jalali months."""
        if not self.jalali_kpi_months:
            return super()._kpi_month_start(day)
        if isinstance(day, datetime.datetime):
            day = day.date()
        return jalali.month_start(day)

    def _kpi_next_month_start(self, day):
        if not self.jalali_kpi_months:
            return super()._kpi_next_month_start(day)
        return jalali.next_month_start(self._kpi_month_start(day))

    @api.model
    def _kpi_month_start_sql(self, day_sql, company_sql):
        """The row's Jalali month start when its company counts in Jalali months
        (``crm_jalali_trunc`` is created at install, see jalali_sql.py)."""
        gregorian = super()._kpi_month_start_sql(day_sql, company_sql)
        # The SQL reads the setting from the table: a change of this transaction first.
        self.flush_model(["jalali_kpi_months"])
        return SQL(
            """CASE WHEN (SELECT jalali_kpi_months FROM res_company WHERE id = %s)
                    THEN crm_jalali_trunc('month', (%s)::date)
                    ELSE %s END""",
            company_sql,
            day_sql,
            gregorian,
        )

    def _kpi_month_label(self, month):
        """The name of the KPI month starting on ``month``, in the reader's language.

        A month cut in Jalali reads as its Jalali name: Persian for Persian readers
        (``آذر 1404``), transliterated for the others (``Azar 1404``), as no Gregorian
        name fits a month from 22 November to 21 December. A Gregorian month keeps its
        Gregorian name for every reader, as a Jalali name would point at the wrong month
        (1 November is 10 Aban).
        """
        if not self.jalali_kpi_months:
            return tools_format_date._gregorian_format_date(self.env, month, date_format="MMMM y")
        if jalali_format.jalali_lang(self.env):
            return tools_format_date.format_date(self.env, month, date_format="MMMM y")
        return jalali.format_month_latin(month)
