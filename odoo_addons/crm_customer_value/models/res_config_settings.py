from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    value_discount_rate = fields.Float(related="company_id.value_discount_rate", readonly=False)
    value_horizon_years = fields.Integer(related="company_id.value_horizon_years", readonly=False)
    value_retention_rate = fields.Float(related="company_id.value_retention_rate", readonly=False)
    value_yearly_retention_cost = fields.Monetary(
        related="company_id.value_yearly_retention_cost", readonly=False
    )
    value_margin_source = fields.Selection(related="company_id.value_margin_source", readonly=False)
    value_margin_rate = fields.Float(related="company_id.value_margin_rate", readonly=False)
    value_window_days = fields.Integer(related="company_id.value_window_days", readonly=False)
    value_tier_method = fields.Selection(related="company_id.value_tier_method", readonly=False)
    value_tiers_missing = fields.Boolean(compute="_compute_value_tiers_missing")

    @api.depends("company_id")
    def _compute_value_tiers_missing(self):
        tiers = self.env["crm.value.tier"].sudo()
        for settings in self:
            settings.value_tiers_missing = not tiers._tiers_for_company(settings.company_id)

    def action_recompute_customer_values(self):
        stats = self.env["crm.customer.value"]._recompute_company(self.env.company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s customers valued, %(changed)s changed tier.", **stats
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
