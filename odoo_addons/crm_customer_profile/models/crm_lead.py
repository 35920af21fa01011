from odoo import api, fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.customer.profile.mixin"]

    # Taken from the contact when there is one; the seller may set them on a lead that has
    # no contact yet, and they are carried over to the partner on conversion.
    customer_style_id = fields.Many2one(
        compute="_compute_customer_profile", store=True, readonly=False
    )
    decision_basis_id = fields.Many2one(
        compute="_compute_customer_profile", store=True, readonly=False
    )
    partner_satisfaction_level = fields.Selection(
        related="partner_id.commercial_satisfaction_level", string="Customer Satisfaction"
    )
    partner_satisfaction_warning = fields.Boolean(related="partner_id.satisfaction_warning")
    partner_customer_scope = fields.Selection(
        related="partner_id.customer_scope", string="Internal / External"
    )

    @api.depends("partner_id.customer_style_id", "partner_id.decision_basis_id")
    def _compute_customer_profile(self):
        """An open lead follows its contact's profile, also when the contact changes
        later. A won or lost lead keeps what the seller knew when it closed."""
        for lead in self:
            partner = (
                lead.partner_id if lead._profile_follows_partner() else self.env["res.partner"]
            )
            lead.customer_style_id = partner.customer_style_id or lead.customer_style_id
            lead.decision_basis_id = partner.decision_basis_id or lead.decision_basis_id

    def _profile_follows_partner(self):
        self.ensure_one()
        return self.active and not self.stage_id.is_won

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        result = super()._handle_partner_assignment(
            force_partner_id=force_partner_id, create_missing=create_missing
        )
        for lead in self:
            lead._carry_profile_to_partner()
        return result

    def _carry_profile_to_partner(self):
        """What the seller learnt on the lead fills the gaps of the customer's profile."""
        self.ensure_one()
        partner = self.partner_id
        if not partner:
            return
        values = {}
        if self.customer_style_id and not partner.customer_style_id:
            values["customer_style_id"] = self.customer_style_id.id
        if self.decision_basis_id and not partner.decision_basis_id:
            values["decision_basis_id"] = self.decision_basis_id.id
        if values:
            partner.write(values)
