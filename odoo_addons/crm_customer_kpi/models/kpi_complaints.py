"""Indicators 2, 3 and 5 of seed 003: complaints about products or services, complaints
about staff, and the time to resolve a complaint in the working hours of its team."""

from odoo import api, models
from odoo.tools import SQL

PRODUCT_OR_SERVICE = ("product", "service")
STAFF = ("staff",)


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _kpi_complaint_source(self, ctx, date_column):
        # A complaint belongs to the sales team of the order it is about, else to the
        # team of the customer's salesperson. Archived complaints count: they were
        # complaints that month.
        return SQL(
            """SELECT c.company_id, COALESCE(so.team_id, pu.sale_team_id) AS team_id,
                      c.%(date)s AS at, c.category, c.hours_to_resolve
                 FROM crm_complaint c
            LEFT JOIN sale_order so ON so.id = c.sale_order_id
            LEFT JOIN res_partner p ON p.id = c.commercial_partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
                WHERE c.%(date)s >= %(lo)s AND c.%(date)s < %(hi)s""",
            date=SQL.identifier(date_column),
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        )

    @api.model
    def _kpi_compute_complaints(self, ctx):
        figures = {}
        registered = self._kpi_complaint_source(ctx, "date_open")
        for company, month, team, _bd, product, staff in self._kpi_grouped(
            ctx,
            registered,
            [
                SQL("COUNT(*) FILTER (WHERE b.category IN %s)", PRODUCT_OR_SERVICE),
                SQL("COUNT(*) FILTER (WHERE b.category IN %s)", STAFF),
            ],
        ):
            figures[company, month, team, "complaints_product", False] = (float(product), 0, 0)
            figures[company, month, team, "complaints_staff", False] = (float(staff), 0, 0)
        # Resolution time: the complaints resolved in the month; hours_to_resolve counts
        # the working hours of the complaint team's calendar (crm_customer_care).
        resolved = self._kpi_complaint_source(ctx, "date_resolved")
        for company, month, team, _bd, total, count, median in self._kpi_grouped(
            ctx,
            resolved,
            [
                SQL("SUM(b.hours_to_resolve)"),
                SQL("COUNT(b.hours_to_resolve)"),
                SQL("percentile_cont(0.5) WITHIN GROUP (ORDER BY b.hours_to_resolve)"),
            ],
        ):
            if count:
                figures[company, month, team, "resolve_hours_avg", False] = (
                    total / count,
                    total,
                    float(count),
                )
                figures[company, month, team, "resolve_hours_median", False] = (median, 0, 0)
        return figures
