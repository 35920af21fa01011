"""The records behind a figure, for the dashboard's drill-down: the same selection as
the SQL of the indicator, as an ORM domain (the month cut by the company's calendar, at
the company's midnight: the same bounds as the figure, see _kpi_bounds)."""

from odoo import api, fields, models
from odoo.tools import SQL

from .kpi_complaints import PRODUCT_OR_SERVICE, STAFF
from .kpi_contacts import CUSTOMER_MODELS
from .kpi_customers import SATISFIED_LEVELS
from .kpi_marketing import DELIVERED

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
        if indicator in CONTACT_KINDS:
            # Which message counts as a contact (and for which company and team) is decided
            # in SQL; the list shows exactly those messages.
            ids = self._kpi_contact_message_ids(company, bounds, team_id, CONTACT_KINDS[indicator])
            model, domain = "mail.message", [("id", "in", ids)]
        else:
            model, domain = self._kpi_records_domain(indicator, bounds, team_id, breakdown)
        names = {ind["code"]: ind["name"] for ind in self._kpi_indicators()}
        return {
            "type": "ir.actions.act_window",
            "name": names.get(indicator, indicator),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": [*domain, *self._kpi_company_domain(model, company)],
            "context": {"create": False},
        }

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
        if indicator == "quote_conversion":
            return "sale.order", [*span("sale.order", "create_date"), *team]
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
        if indicator in ("contacts_total", "contacts_per_customer", "emails_in", "emails_out"):
            return "mail.message", [
                ("model", "in", list(CUSTOMER_MODELS)),
                ("message_type", "in", ["email", "email_outgoing", "comment"]),
                *span("mail.message", "date"),
            ]
        if indicator == "calls_meetings":
            types = self.env["res.partner"]._contact_activity_types()
            return "mail.message", [
                ("mail_activity_type_id", "in", types),
                *span("mail.message", "date"),
            ]
        if indicator.startswith(("mailing", "sms")):
            kind = "sms" if indicator.startswith("sms") else "mail"
            return "mailing.trace", [
                ("trace_type", "=", kind),
                ("trace_status", "in", list(DELIVERED)),
                # as the figure: when it was sent, else when it was made
                "|",
                "&",
                ("sent_datetime", "!=", False),
                *span("mailing.trace", "sent_datetime"),
                "&",
                ("sent_datetime", "=", False),
                *span("mailing.trace", "create_date"),
            ]
        if indicator.startswith("survey") and self._has_customer_feedback():
            return "survey.user_input", [*span("survey.user_input", "feedback_invited_on")]
        if indicator in ("satisfaction", "satisfied_share"):
            levels = [breakdown] if breakdown else list(SATISFIED_LEVELS)
            return "crm.satisfaction.entry", [
                ("level", "in", levels),
                *span("crm.satisfaction.entry", "date"),
                *(
                    [("partner_id.commercial_partner_id.user_id.sale_team_id", "=", team_id)]
                    if team_id
                    else []
                ),
            ]
        if indicator == "tier_customers" or indicator == "tier_value":
            domain = [("value_tier_id", "=", int(breakdown))] if breakdown else []
            return "crm.customer.value", domain
        if indicator.startswith("tier_moves"):
            direction = {"tier_moves_up": "up", "tier_moves_down": "down"}.get(indicator)
            return "crm.value.tier.history", [
                *span("crm.value.tier.history", "date"),
                *([("direction", "=", direction)] if direction else []),
                *([("new_tier_id", "=", int(breakdown))] if breakdown else []),
            ]
        # retention: the customers' invoices of the month
        return "account.move", [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            *span("account.move", "invoice_date"),
            *customer_team,
        ]

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
