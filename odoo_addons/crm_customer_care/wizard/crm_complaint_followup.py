from odoo import api, fields, models

from odoo.addons.crm_customer_profile.models.crm_satisfaction_entry import SATISFACTION_LEVELS


class CrmComplaintFollowup(models.TransientModel):
    """The follow-up call: is the problem solved, and how does the customer feel now?"""

    _name = "crm.complaint.followup"
    _description = "Complaint Follow-up Call"

    complaint_id = fields.Many2one("crm.complaint", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="complaint_id.commercial_partner_id")
    problem_solved = fields.Selection(
        [("yes", "Yes"), ("no", "No")], string="Is the problem solved?", required=True
    )
    satisfaction_level = fields.Selection(
        SATISFACTION_LEVELS,
        string="Customer's Satisfaction",
        compute="_compute_satisfaction_level",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    note = fields.Text(string="What the customer said")

    @api.depends("problem_solved")
    def _compute_satisfaction_level(self):
        # A sensible start the caller corrects: solved usually means satisfied again.
        for wizard in self:
            wizard.satisfaction_level = (
                "satisfied" if wizard.problem_solved != "no" else "dissatisfied"
            )

    def action_confirm(self):
        for wizard in self:
            wizard.complaint_id._record_followup(
                wizard.problem_solved == "yes", wizard.satisfaction_level, wizard.note
            )
        return {"type": "ir.actions.act_window_close"}
