from odoo import api, fields, models


class CrmCustomerProfileMixin(models.AbstractModel):
    """The behavioural style and decision basis of a customer, and the advice they imply.

    Shared by the partner (the customer) and the lead (someone who may become one), so the
    seller reads the same "how to treat" on both.
    """

    _name = "crm.customer.profile.mixin"
    _description = "Customer Profile (style, decision basis, advice)"

    customer_style_id = fields.Many2one(
        "crm.customer.style",
        string="Behavioural Style",
        tracking=True,
        ondelete="restrict",
        index="btree_not_null",
    )
    decision_basis_id = fields.Many2one(
        "crm.decision.basis",
        tracking=True,
        ondelete="restrict",
        index="btree_not_null",
    )
    treatment_advice = fields.Text(
        string="How to Treat",
        compute="_compute_treatment_advice",
        help="Advice for this customer's behavioural style and decision basis.",
    )

    @api.depends(
        "customer_style_id.name",
        "customer_style_id.advice",
        "decision_basis_id.name",
        "decision_basis_id.advice",
    )
    def _compute_treatment_advice(self):
        for record in self:
            lines = [
                f"{axis.name}: {axis.advice}"
                for axis in (record.customer_style_id, record.decision_basis_id)
                if axis
            ]
            record.treatment_advice = "\n".join(lines)
