from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The partner's own rule: the level of the commercial entity (crm_customer_profile).
    partner_satisfaction_level = fields.Selection(
        related="partner_id.commercial_satisfaction_level", string="Customer Satisfaction"
    )
    partner_satisfaction_warning = fields.Boolean(related="partner_id.satisfaction_warning")
    partner_treatment_advice = fields.Text(
        related="partner_id.commercial_partner_id.treatment_advice", string="How to Treat"
    )
