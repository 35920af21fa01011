"""The records behind a figure, for the dashboard's drill-down: the same selection as
the SQL of the indicator, as an ORM domain (the month cut by the company's calendar, at
the company's midnight: the same bounds as the figure, see _kpi_bounds)."""

from odoo import api, fields, models
from odoo.tools import SQL

from .kpi_complaints import PRODUCT_OR_SERVICE, STAFF

# The contact indicators and the kinds of contact (see _kpi_contact_source) each counts;
# contacts per customer lists the contacts it divides among the customers.
CONTACT_KINDS = {
    "contacts_total": ("in", "out", "call"),
    "contacts_per_customer": ("in", "out", "call"),
    "emails_in": ("in",),
    "emails_out": ("out",),
    "calls_meetings": ("call",),
}


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def action_open_records(self, indicator, month, company_id, team_id=False, breakdown=False):
        # The door: sales managers (read right on the snapshots), of the company asked for
        # (the SQL of the contact indicators below reads every company's messages).
        self.check_access("read")
        company = self.env["res.company"].browse(company_id)
        self._kpi_check_companies(company)
        start = company._kpi_month_start(fields.Date.to_date(month))
        bounds = self._kpi_bounds(company, start)
        sources = self._kpi_drilldown_sources()
        company_domain = True
        if indicator in CONTACT_KINDS:
            # Which message counts as a contact (and for which company and team) is decided
            # in SQL; the list shows exactly those messages.
            ids = self._kpi_contact_message_ids(company, bounds, team_id, CONTACT_KINDS[indicator])
            model, domain = "mail.message", [("id", "in", ids)]
        elif indicator in sources:
            # The rows the figure aggregates, with their record ids: the SQL decides the
            # company, the team and the month, the list shows exactly those records.
            model, source, by_breakdown = sources[indicator]
            ids = self._kpi_drilldown_ids(
                company, start, team_id, breakdown if by_breakdown else False, source
            )
            model, domain, company_domain = model, [("id", "in", ids)], False
        else:
            model, domain = self._kpi_records_domain(indicator, bounds, team_id, breakdown)
            if not model:
                return False
        names = {ind["code"]: ind["name"] for ind in self._kpi_indicators()}
        return {
            "type": "ir.actions.act_window",
            "name": names.get(indicator, indicator),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": [
                *domain,
                *(self._kpi_company_domain(model, company) if company_domain else []),
            ],
            "context": {"create": False},
        }

    @api.model
    def _kpi_drilldown_sources(self):
        """{indicator: (model listed, source, whether the breakdown selects)}: the
        indicators whose drill-down lists the `record_id`s of the very selection their
        figure aggregates (a source returns (SQL, options of _kpi_grouped))."""
        sources = {
            "quote_conversion": ("sale.order", self._kpi_source_quotations, False),
            "satisfaction": ("crm.satisfaction.entry", self._kpi_source_satisfaction, True),
            "satisfied_share": ("crm.satisfaction.entry", self._kpi_source_satisfaction, False),
            "tier_customers": ("crm.value.tier.history", self._kpi_source_tiers, True),
            "tier_value": ("crm.value.tier.history", self._kpi_source_tiers, True),
            "retention": ("res.partner", self._kpi_source_retention, False),
        }
        mail = lambda ctx: self._kpi_source_traces(ctx, "mail")  # noqa: E731
        sources.update(
            mailings_sent=("mailing.trace", mail, False),
            mailing_response=("mailing.trace", mail, False),
        )
        if self._has_sms_marketing():
            sms = lambda ctx: self._kpi_source_traces(ctx, "sms")  # noqa: E731
            sources.update(
                sms_sent=("mailing.trace", sms, False),
                sms_response=("mailing.trace", sms, False),
            )
        return sources

    @api.model
    def _kpi_drilldown_ids(self, company, start, team_id, breakdown, source):
        """The record ids `source` selects for the company's month starting on `start`."""
        ranges = self._kpi_ranges(company, start, 1)
        ctx = self._kpi_context(ranges)
        # sudo: the first company's id only (where records of no company count, as in
        # _kpi_context), reached from action_open_records past its doors.
        ctx["default_company"] = self.env["res.company"].sudo().search([], order="id", limit=1).id
        src, options = source(ctx)
        return self._kpi_source_ids(
            ctx, src, company.id, start, team_id=team_id, breakdown=breakdown, **options
        )

    @api.model
    def _kpi_company_domain(self, model, company):
        if "company_id" in self.env[model]._fields and self.env[model]._fields["company_id"].store:
            return [("company_id", "=", company.id)]
        return []

    @api.model
    def _kpi_records_domain(self, indicator, bounds, team_id, breakdown):
        """(model, domain) of the records counted in `indicator` for the month whose
        `bounds` _kpi_bounds gives."""
        team = [("team_id", "=", team_id)] if team_id else []
        customer_team = (
            [("commercial_partner_id.user_id.sale_team_id", "=", team_id)] if team_id else []
        )
        span = lambda model, name: self._kpi_span(model, name, bounds)  # noqa: E731
        if indicator in ("sales_amount", "sales_count"):
            return "sale.order", [("state", "=", "sale"), *span("sale.order", "date_order"), *team]
        if indicator == "delivery_days":
            # the orders delivered (invoiced) in the month, whenever they were confirmed
            return "sale.order", [("id", "in", self._kpi_delivered_order_ids(bounds)), *team]
        if indicator in ("complaints_product", "complaints_staff"):
            categories = PRODUCT_OR_SERVICE if indicator == "complaints_product" else STAFF
            return "crm.complaint", [
                ("category", "in", list(categories)),
                ("active", "in", [True, False]),
                *span("crm.complaint", "date_open"),
                *customer_team,
            ]
        if indicator.startswith("resolve_hours"):
            return "crm.complaint", [
                ("active", "in", [True, False]),
                *span("crm.complaint", "date_resolved"),
                *customer_team,
            ]
        if indicator in ("returns_qty", "returns_pickings") and self._has_inventory():
            return "stock.move", [
                ("state", "=", "done"),
                ("origin_returned_move_id", "!=", False),
                ("location_id.usage", "=", "customer"),
                *span("stock.move", "date"),
                *self._kpi_returns_team_domain(team_id),
            ]
        if indicator in ("refunds", "returns_qty", "returns_pickings"):
            return "account.move", [
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
                *span("account.move", "invoice_date"),
                *customer_team,
            ]
        if indicator.startswith("survey") and self._has_customer_feedback():
            return "survey.user_input", [*span("survey.user_input", "feedback_invited_on")]
        if indicator.startswith("tier_moves"):
            direction = {"tier_moves_up": "up", "tier_moves_down": "down"}.get(indicator)
            return "crm.value.tier.history", [
                *span("crm.value.tier.history", "date"),
                *([("direction", "=", direction)] if direction else []),
                *([("new_tier_id", "=", int(breakdown))] if breakdown else []),
            ]
        # an indicator whose module is missing (surveys, SMS) has no records to list
        return None, []

    @api.model
    def _kpi_span(self, model, name, bounds):
        """The month of `bounds` on the field `name` of `model`, as the figures cut it: a
        date field by the month's days, a datetime field (UTC) from the company's
        midnight starting the month to the one starting the next."""
        if self.env[model]._fields[name].type == "date":
            return [(name, ">=", bounds["date_from"]), (name, "<", bounds["date_to"])]
        return [(name, ">=", bounds["at_from"]), (name, "<", bounds["at_to"])]

    @api.model
    def _kpi_delivered_order_ids(self, bounds):
        # as _kpi_compute_delivery: a first delivery by its moment, a first invoice by
        # its day
        by_day = not self._has_inventory()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT d.order_id FROM (%s) d WHERE d.at >= %s AND d.at < %s",
                self._kpi_delivery_done(),
                bounds["date_from" if by_day else "at_from"],
                bounds["date_to" if by_day else "at_to"],
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _kpi_returns_team_domain(self, team_id):
        """As the returns' SQL: the team of the order sold on, else the customer's."""
        if not team_id:
            return []
        sold_by = "picking_id.sale_id.team_id"
        return [
            "|",
            (sold_by, "=", team_id),
            "&",
            (sold_by, "=", False),
            ("picking_id.partner_id.commercial_partner_id.user_id.sale_team_id", "=", team_id),
        ]
