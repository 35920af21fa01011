import datetime

from odoo import fields, models

from . import jalali, tools_format_date


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

    def _kpi_month_label(self, month):
        """The name of the KPI month starting on ``month``, in the reader's language.

        A month cut in Jalali reads as its Jalali name for Persian readers
        (``آذر 1404``); a Gregorian month keeps its Gregorian name for every reader, as
        a Jalali name would point at the wrong month (1 November is 10 Aban). Meant to
        override crm_customer_profile's hook of the same name (see README); until it
        exists there, callers may call it on a company of a database with this addon.
        """
        if self.jalali_kpi_months:
            return tools_format_date.format_date(self.env, month, date_format="MMMM y")
        return tools_format_date._gregorian_format_date(self.env, month, date_format="MMMM y")
