"""Indicator 1 of seed 003, the sales rate: confirmed sales (amount and count) and the
share of the month's quotations that became orders."""

from odoo import api, models
from odoo.tools import SQL


def rate(numerator, denominator, scale=100.0):
    """(value, numerator, denominator) of a rate, or None when there is nothing to divide."""
    if not denominator:
        return None
    return (scale * numerator / denominator, float(numerator), float(denominator))


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _kpi_compute_sales(self, ctx):
        figures = {}
        # An order's date_order becomes its confirmation date when it is confirmed; the
        # amount is untaxed, in the company's currency.
        confirmed = SQL(
            """SELECT so.company_id, so.team_id, so.date_order AS at,
                      so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                 FROM sale_order so
                WHERE so.state = 'sale' AND so.date_order >= %s AND so.date_order < %s""",
            ctx["at_lo"],
            ctx["at_hi"],
        )
        for company, month, team, _bd, amount, count in self._kpi_grouped(
            ctx, confirmed, [SQL("SUM(b.amount)"), SQL("COUNT(*)")]
        ):
            figures[company, month, team, "sales_amount", False] = (amount or 0.0, 0.0, 0.0)
            figures[company, month, team, "sales_count", False] = (float(count), 0.0, 0.0)
        # Quotations made in the month, and how many of them are confirmed orders now.
        quotations = SQL(
            """SELECT so.company_id, so.team_id, so.create_date AS at, so.state
                 FROM sale_order so
                WHERE so.create_date >= %s AND so.create_date < %s""",
            ctx["at_lo"],
            ctx["at_hi"],
        )
        for company, month, team, _bd, won, made in self._kpi_grouped(
            ctx, quotations, [SQL("COUNT(*) FILTER (WHERE b.state = 'sale')"), SQL("COUNT(*)")]
        ):
            if figure := rate(won, made):
                figures[company, month, team, "quote_conversion", False] = figure
        return figures
