from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    partner_value_tier_id = fields.Many2one(
        "crm.value.tier",
        string="Customer Tier",
        compute="_compute_partner_value_tier_id",
        groups="sales_team.group_sale_salesman",
    )

    @api.depends("partner_id", "company_id")
    def _compute_partner_value_tier_id(self):
        for lead in self:
            partner = lead.partner_id.with_company(lead.company_id or self.env.company)
            lead.partner_value_tier_id = partner.value_tier_id
