"""Indicator 1 of seed 003, the sales rate: confirmed sales (amount and count) and the
share of the month's confirmations among its quotations and orders."""

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
        src, options = self._kpi_source_quotations(ctx)
        for company, month, team, _bd, won, made in self._kpi_grouped(
            ctx, src, [SQL("COUNT(*) FILTER (WHERE b.won)"), SQL("COUNT(*)")], **options
        ):
            if figure := rate(won, made):
                figures[company, month, team, "quote_conversion", False] = figure
        return figures

    @api.model
    def _kpi_source_quotations(self, ctx):
        """Quotations Won: the orders quoted (created) or confirmed in the month, `won`
        when confirmed in it. A month's figure is the share of its confirmations among
        its quotations and orders; it depends on the month's events only, so it can
        freeze: a quotation won the next month counts as won in that month (and as a
        quotation in both)."""
        confirmed = SQL(
            "so.state = 'sale' AND so.date_order >= r.at_from AND so.date_order < r.at_to"
        )
        return SQL(
            """SELECT r.company_id, r.month, so.team_id, so.id AS record_id, %(confirmed)s AS won
                 FROM r
                 JOIN sale_order so ON so.company_id = r.company_id
                      AND ((so.create_date >= r.at_from AND so.create_date < r.at_to)
                           OR (%(confirmed)s))
                WHERE (so.create_date >= %(lo)s AND so.create_date < %(hi)s)
                   OR (so.state = 'sale' AND so.date_order >= %(lo)s AND so.date_order < %(hi)s)""",
            confirmed=confirmed,
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        ), {"bucketed": True}
