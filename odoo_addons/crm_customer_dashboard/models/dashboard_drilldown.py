import ast
import datetime

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.osv import expression

# The list behind a figure shows and sums the measure the figure counts; an indicator not
# named here opens its model's own list.
DRILLDOWN_LISTS = {
    "sales_amount": ("sale.order", "crm_customer_dashboard.view_sale_order_list_untaxed"),
    "sales_count": ("sale.order", "crm_customer_dashboard.view_sale_order_list_untaxed"),
}


class CrmCustomerDashboard(models.AbstractModel):
    _inherit = "crm.customer.dashboard"

    @api.model
    def open_records(self, filters, indicator, month=False, breakdown=False, team_id=None):
        """The records behind one figure of the dashboard.

        A figure may cover several months (a 3-month period) and several companies; the
        KPI addon's ``action_open_records`` answers for one month of one company, so its
        lists are joined into one: the same model, their domains OR-ed.
        """
        scope = self._dashboard_scope(filters or {})
        denied = self._dashboard_denied_records().get(indicator)
        if denied:
            raise AccessError(denied)
        months = [fields.Date.to_date(month)] if month else scope["period_months"]
        team = team_id if team_id is not None else scope["team"].id
        snapshots = self.env["crm.kpi.snapshot"]
        actions = [
            snapshots.action_open_records(indicator, day, company.id, team or False, breakdown)
            for day in months
            for company in scope["companies"]
        ]
        actions = [action for action in actions if action]
        if not actions:
            return False
        return self._dashboard_list_view(indicator, self._dashboard_join_actions(actions))

    @tools.ormcache()
    def _dashboard_drilldown_models(self):
        """{indicator: the model its records open in}, asked of the KPI addon (its own
        drill-down, for a month without records) once per registry: which list a figure
        opens depends on the installed modules, not on the reader nor the month."""
        # sudo: only the model's name is read, whoever asks; the records are opened later
        # with the reader's rights (open_records).
        snapshots = self.env["crm.kpi.snapshot"].sudo()
        company = self.env["res.company"].sudo().search([], limit=1)
        models_by_code = {}
        for indicator in snapshots._kpi_indicators():
            action = snapshots.action_open_records(
                indicator["code"], datetime.date(2000, 1, 1), company.id, False, False
            )
            models_by_code[indicator["code"]] = action and action.get("res_model")
        return models_by_code

    @api.model
    def _dashboard_denied_records(self):
        """{indicator: why the reader cannot open its records}: a sales manager is not a
        user of Email Marketing or Surveys by being a manager, and a card that opens a
        list they may not read says so before the click."""
        return {code: why for code, (why, _short) in self._dashboard_denied().items()}

    @api.model
    def _dashboard_denied(self):
        """{indicator: (why, the same in a few words)} for the lists the reader may not
        read."""
        denied = {}
        for code, model in self._dashboard_drilldown_models().items():
            if not model or model not in self.env or not self.env[model].has_access("read"):
                denied[code] = self._dashboard_denied_reason(model)
        return denied

    @api.model
    def _dashboard_denied_reason(self, model):
        """(why, in a few words): the rights that open the model's records."""
        # sudo: the names of the groups that read the model, to say whom to ask; the
        # reader may not read access rules themselves.
        accesses = (
            self.env["ir.model.access"]
            .sudo()
            .search(
                [
                    ("model_id.model", "=", model or ""),
                    ("perm_read", "=", True),
                    ("group_id", "!=", False),
                    ("group_id.share", "=", False),
                ]
            )
        )
        groups = accesses.group_id
        # the least of them: "Surveys / User", not also its administrators
        lowest = groups.filtered(lambda group: not group.trans_implied_ids & (groups - group))
        if not lowest:
            why = self.env._("You cannot open the records behind this figure.")
            return why, why
        names = ", ".join(sorted(lowest.mapped("full_name")))
        return (
            self.env._(
                "Opening the records behind this figure needs the rights of %(groups)s.",
                groups=names,
            ),
            self.env._("Needs %(groups)s", groups=names),
        )

    @api.model
    def _dashboard_join_actions(self, actions):
        first = actions[0]
        if len(actions) == 1 or first.get("res_id"):
            return first
        same = [a for a in actions if a.get("res_model") == first.get("res_model")]
        try:
            domains = [self._dashboard_domain(action.get("domain")) for action in same]
        except (ValueError, SyntaxError):
            # A domain written with names evaluated in the browser (uid, context_today)
            # cannot be joined here: the first month and company's list is opened.
            return first
        return {**first, "domain": expression.OR(domains)}

    @api.model
    def _dashboard_list_view(self, indicator, action):
        """The list that sums what the card counts (e.g. untaxed order amounts)."""
        model, xmlid = DRILLDOWN_LISTS.get(indicator, (None, None))
        if model != action.get("res_model") or action.get("res_id"):
            return action
        # By its external id: a manager may not read views (ir.ui.view) themselves.
        view_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
        if not view_id:
            return action
        views = [(v, kind) for v, kind in action.get("views", []) if kind != "list"]
        return {**action, "views": [(view_id, "list"), *views]}

    @api.model
    def _dashboard_domain(self, domain):
        # An action's domain may come as its text form (as in XML records).
        if isinstance(domain, str):
            domain = ast.literal_eval(domain)
        return list(domain or [])
