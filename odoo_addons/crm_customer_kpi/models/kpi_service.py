"""Indicators 4 and 8 of seed 003: returned goods (Inventory's customer returns, and the
refund credit notes, which are counted with or without Inventory) and the time from an
order to its delivery (Inventory) or, without Inventory, to its first invoice."""

from odoo import api, models
from odoo.tools import SQL


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _has_inventory(self):
        """Whether Inventory is installed; a method, so tests can pretend it is not."""
        return "stock.picking" in self.env and "sale_id" in self.env["stock.picking"]._fields

    @api.model
    def _kpi_indicator_names(self):
        names = super()._kpi_indicator_names()
        if not self._has_inventory():
            # Without Inventory the figure runs to the first invoice (_kpi_delivery_done):
            # its name must not promise deliveries.
            names["delivery_days"] = self.env._("Time from Order to Invoice")
        return names

    @api.model
    def _kpi_unavailable(self):
        unavailable = super()._kpi_unavailable()
        if not self._has_inventory():
            reason = self.env._("Needs Inventory")
            unavailable.update(returns_qty=reason, returns_pickings=reason)
        return unavailable

    @api.model
    def _kpi_compute_service(self, ctx):
        figures = {}
        if self._has_inventory():
            figures.update(self._kpi_compute_returns(ctx))
        figures.update(self._kpi_compute_refunds(ctx))
        figures.update(self._kpi_compute_delivery(ctx))
        return figures

    @api.model
    def _kpi_compute_returns(self, ctx):
        # Goods the customer sent back: done moves returning an earlier move, coming from
        # a customer location; the sales team of the order they were sold on, else the
        # customer's.
        returns = SQL(
            """SELECT m.company_id, COALESCE(so.team_id, pu.sale_team_id) AS team_id, m.date AS at,
                      m.quantity, m.picking_id
                 FROM stock_move m
                 JOIN stock_location src ON src.id = m.location_id AND src.usage = 'customer'
            LEFT JOIN stock_picking pk ON pk.id = m.picking_id
            LEFT JOIN sale_order so ON so.id = pk.sale_id
            LEFT JOIN res_partner pp ON pp.id = COALESCE(pk.partner_id, m.partner_id)
            LEFT JOIN res_partner p ON p.id = pp.commercial_partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
                WHERE m.state = 'done' AND m.origin_returned_move_id IS NOT NULL
                  AND m.date >= %s AND m.date < %s""",
            ctx["at_lo"],
            ctx["at_hi"],
        )
        figures = {}
        for company, month, team, _bd, qty, pickings in self._kpi_grouped(
            ctx, returns, [SQL("SUM(b.quantity)"), SQL("COUNT(DISTINCT b.picking_id)")]
        ):
            figures[company, month, team, "returns_qty", False] = (qty or 0.0, 0, 0)
            figures[company, month, team, "returns_pickings", False] = (float(pickings), 0, 0)
        return figures

    @api.model
    def _kpi_compute_refunds(self, ctx):
        # by the credit note's date: a day of the company, not a moment
        refunds = SQL(
            """SELECT am.company_id, COALESCE(am.team_id, pu.sale_team_id) AS team_id,
                      am.invoice_date AS day
                 FROM account_move am
            LEFT JOIN res_partner p ON p.id = am.commercial_partner_id
            LEFT JOIN res_users pu ON pu.id = p.user_id
                WHERE am.move_type = 'out_refund' AND am.state = 'posted'
                  AND am.invoice_date >= %s AND am.invoice_date < %s""",
            ctx["day_lo"],
            ctx["day_hi"],
        )
        return {
            (company, month, team, "refunds", False): (float(count), 0, 0)
            for company, month, team, _bd, count in self._kpi_grouped(
                ctx, refunds, [SQL("COUNT(*)")], by_day=True
            )
        }

    @api.model
    def _kpi_compute_delivery(self, ctx):
        """Days from the order's confirmation to its first done delivery (Inventory: the
        instants' difference, in days) or its first posted invoice (whole days: the
        invoice date minus the confirmation's date in the company's time zone), for the
        orders delivered (invoiced) in the month."""
        done = self._kpi_delivery_done()
        # a delivery is a moment, a first invoice a day (its invoice date)
        by_day = not self._has_inventory()
        if by_day:
            days = SQL(
                "(d.at::date - (so.date_order AT TIME ZONE 'UTC' AT TIME ZONE z.tz)::date)::float"
            )
        else:
            days = SQL("EXTRACT(EPOCH FROM d.at - so.date_order) / 86400.0")
        orders = SQL(
            """SELECT so.company_id, so.team_id, so.id AS record_id, %s, %s AS days
                 FROM (%s) d
                 JOIN sale_order so ON so.id = d.order_id
                 JOIN %s ON z.company_id = so.company_id
                WHERE d.at >= %s AND d.at < %s""",
            SQL("d.at::date AS day") if by_day else SQL("d.at"),
            days,
            done,
            ctx["zones"],
            ctx["day_lo" if by_day else "at_lo"],
            ctx["day_hi" if by_day else "at_hi"],
        )
        figures = {}
        for company, month, team, _bd, total, count in self._kpi_grouped(
            ctx, orders, [SQL("SUM(b.days)"), SQL("COUNT(*)")], by_day=by_day
        ):
            if count:
                figures[company, month, team, "delivery_days", False] = (
                    total / count,
                    float(total),
                    float(count),
                )
        return figures

    @api.model
    def _kpi_delivery_done(self):
        """order_id and `at`, the moment each order was first delivered (its first done
        outgoing picking, Inventory: a UTC datetime) or, without Inventory, first invoiced
        (its first invoice date, as a timestamp: a day of the company, which puts the
        order in a month by that day); shared by the figure and its drill-down so both
        list the same orders."""
        if self._has_inventory():
            return SQL(
                """SELECT pk.sale_id AS order_id, MIN(pk.date_done) AS at
                     FROM stock_picking pk
                     JOIN stock_picking_type t ON t.id = pk.picking_type_id
                    WHERE pk.state = 'done' AND t.code = 'outgoing' AND pk.sale_id IS NOT NULL
                 GROUP BY pk.sale_id"""
            )
        return SQL(
            """SELECT sol.order_id, MIN(am.invoice_date)::timestamp AS at
                 FROM sale_order_line_invoice_rel rel
                 JOIN sale_order_line sol ON sol.id = rel.order_line_id
                 JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                 JOIN account_move am ON am.id = aml.move_id
                WHERE am.state = 'posted' AND am.move_type = 'out_invoice'
             GROUP BY sol.order_id"""
        )
