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
        """First day (Gregorian date) of the KPI month holding ``day`` for this company.

        The one place other addons ask where a month starts, so their monthly figures
        follow the company's calendar."""
        self.ensure_one()
        if isinstance(day, datetime.datetime):
            day = day.date()
        if self.jalali_kpi_months:
            return jalali.month_start(day)
        return day.replace(day=1)

    def _kpi_next_month_start(self, day):
        """First day of the KPI month after the one holding ``day``."""
        start = self._kpi_month_start(day)
        if self.jalali_kpi_months:
            return jalali.next_month_start(start)
        return (start + datetime.timedelta(days=32)).replace(day=1)
