"""Each manager's choice and order of the indicators on their dashboard (seed 001: the
dashboard follows each user's priorities)."""

from odoo import api, fields, models


class CrmCustomerDashboardPreference(models.Model):
    _name = "crm.customer.dashboard.preference"
    _description = "Customer Dashboard Preference"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    indicators = fields.Char(
        help="The indicators the user sees, in their order (codes separated by commas); "
        "empty: every indicator, in the order of the KPI addon."
    )

    _sql_constraints = [
        ("user_unique", "unique(user_id)", "A user has one choice of dashboard indicators.")
    ]

    @api.model
    def _dashboard_codes(self):
        """The current user's indicators in their order, or [] for all of them."""
        preference = self.search([("user_id", "=", self.env.uid)], limit=1)
        return [code for code in (preference.indicators or "").split(",") if code]

    @api.model
    def _dashboard_set_codes(self, codes):
        preference = self.search([("user_id", "=", self.env.uid)], limit=1)
        value = ",".join(codes) or False
        if preference:
            preference.indicators = value
        else:
            self.create({"indicators": value})
