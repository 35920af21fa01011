"""The customer side the seeds put first: the satisfaction distribution (the last level
each customer was recorded at in the month), the value pyramid from the tier history
(customers and lifetime value per tier at the month's end, and the month's moves) and
retention (customers who bought in the year before and again in the last year)."""

from odoo import api, models
from odoo.tools import SQL

from .kpi_sales import rate

SATISFIED_LEVELS = ("satisfied", "happy", "delighted")


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _kpi_compute_customers(self, ctx):
        figures = {}
        figures.update(self._kpi_compute_satisfaction(ctx))
        figures.update(self._kpi_compute_pyramid(ctx))
        figures.update(self._kpi_compute_tier_moves(ctx))
        figures.update(self._kpi_compute_retention(ctx))
        return figures

    @api.model
    def _kpi_source_satisfaction(self, ctx):
        """Each customer's last satisfaction entry of the month (its level the
        breakdown): what the figure counts and the drill-down lists."""
        return SQL(
            """SELECT DISTINCT ON (r.company_id, r.month, cp.id)
                      r.company_id, r.month, cu.sale_team_id AS team_id, e.level AS breakdown,
                      e.id AS record_id
                 FROM r
                 JOIN crm_satisfaction_entry e ON e.company_id = r.company_id
                      AND e.date >= r.at_from AND e.date < r.at_to
                 JOIN res_partner p ON p.id = e.partner_id
                 JOIN res_partner cp ON cp.id = p.commercial_partner_id
            LEFT JOIN res_users cu ON cu.id = cp.user_id
             ORDER BY r.company_id, r.month, cp.id, e.date DESC, e.id DESC"""
        ), {"bucketed": True}

    @api.model
    def _kpi_compute_satisfaction(self, ctx):
        last_level, options = self._kpi_source_satisfaction(ctx)
        figures, totals = {}, {}
        for company, month, team, level, count in self._kpi_grouped(
            ctx, last_level, [SQL("COUNT(*)")], breakdown=True, **options
        ):
            figures[company, month, team, "satisfaction", level] = (float(count), 0, 0)
            total = totals.setdefault((company, month, team), [0, 0])
            total[0] += count if level in SATISFIED_LEVELS else 0
            total[1] += count
        for (company, month, team), (satisfied, counted) in totals.items():
            if figure := rate(satisfied, counted):
                figures[company, month, team, "satisfied_share", False] = figure
        return figures

    @api.model
    def _kpi_source_tiers(self, ctx):
        """Each customer's tier at the month's end (the company's midnight: the history's
        dates are datetimes): the last move recorded before it, the record listed."""
        return SQL(
            """SELECT DISTINCT ON (r.company_id, r.month, h.partner_id)
                      r.company_id, r.month, pu.sale_team_id AS team_id,
                      h.new_tier_id::varchar AS breakdown,
                      h.clv_amount, h.id AS record_id
                 FROM r
                 JOIN crm_value_tier_history h ON h.company_id = r.company_id
                      AND h.date < r.at_to
                 JOIN res_partner p ON p.id = h.partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
             ORDER BY r.company_id, r.month, h.partner_id, h.date DESC, h.id DESC"""
        ), {"bucketed": True, "where": SQL("b.breakdown IS NOT NULL")}

    @api.model
    def _kpi_compute_pyramid(self, ctx):
        tier_at_end, options = self._kpi_source_tiers(ctx)
        figures = {}
        for company, month, team, tier, count, value in self._kpi_grouped(
            ctx,
            tier_at_end,
            [SQL("COUNT(*)"), SQL("SUM(b.clv_amount)")],
            breakdown=True,
            **options,
        ):
            figures[company, month, team, "tier_customers", tier] = (float(count), 0, 0)
            figures[company, month, team, "tier_value", tier] = (float(value or 0), 0, 0)
        return figures

    @api.model
    def _kpi_compute_tier_moves(self, ctx):
        moves = SQL(
            """SELECT h.company_id, pu.sale_team_id AS team_id, h.date AS at, h.direction,
                      h.new_tier_id::varchar AS breakdown
                 FROM crm_value_tier_history h
                 JOIN res_partner p ON p.id = h.partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
                WHERE h.date >= %s AND h.date < %s""",
            ctx["at_lo"],
            ctx["at_hi"],
        )
        figures = {}
        for company, month, team, _bd, up, down in self._kpi_grouped(
            ctx,
            moves,
            [
                SQL("COUNT(*) FILTER (WHERE b.direction = 'up')"),
                SQL("COUNT(*) FILTER (WHERE b.direction = 'down')"),
            ],
        ):
            figures[company, month, team, "tier_moves_up", False] = (float(up), 0, 0)
            figures[company, month, team, "tier_moves_down", False] = (float(down), 0, 0)
        for company, month, team, tier, count in self._kpi_grouped(
            ctx,
            moves,
            [SQL("COUNT(*)")],
            breakdown=True,
            where=SQL("b.breakdown IS NOT NULL"),
        ):
            figures[company, month, team, "tier_moves_in", tier] = (float(count), 0, 0)
        return figures

    @api.model
    def _kpi_source_retention(self, ctx):
        """The customers who bought in the year before the last one (posted customer
        invoices, by invoice date: dates, compared with the months' days), `again` when
        they bought in the last year too; the customer is the record listed."""
        return SQL(
            """SELECT r.company_id, r.month, pu.sale_team_id AS team_id, p.id AS record_id,
                      BOOL_OR(i.invoice_date >= r.year_from) AS again
                 FROM r
                 JOIN account_move i ON i.company_id = r.company_id
                      AND i.move_type = 'out_invoice' AND i.state = 'posted'
                      AND i.invoice_date >= r.prev_from AND i.invoice_date < r.date_to
                 JOIN res_partner p ON p.id = i.commercial_partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
             GROUP BY r.company_id, r.month, p.id, pu.sale_team_id
               HAVING BOOL_OR(i.invoice_date < r.year_from)"""
        ), {"bucketed": True}

    @api.model
    def _kpi_compute_retention(self, ctx):
        buyers, options = self._kpi_source_retention(ctx)
        figures = {}
        for company, month, team, _bd, kept, bought in self._kpi_grouped(
            ctx, buyers, [SQL("COUNT(*) FILTER (WHERE b.again)"), SQL("COUNT(*)")], **options
        ):
            if figure := rate(kept, bought):
                figures[company, month, team, "retention", False] = figure
        return figures
