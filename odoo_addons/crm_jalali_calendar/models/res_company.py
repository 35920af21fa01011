import datetime

from odoo import fields, models

from . import jalali


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
