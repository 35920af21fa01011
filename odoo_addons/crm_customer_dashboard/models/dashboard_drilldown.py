import ast

from odoo import api, fields, models
from odoo.osv import expression


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
    def _dashboard_domain(self, domain):
        # An action's domain may come as its text form (as in XML records).
        if isinstance(domain, str):
            domain = ast.literal_eval(domain)
        return list(domain or [])
