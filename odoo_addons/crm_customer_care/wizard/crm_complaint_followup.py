from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_customer_profile.models.crm_satisfaction_entry import SATISFACTION_LEVELS


class CrmComplaintFollowup(models.TransientModel):
    """The follow-up call: is the problem solved, and how does the customer feel now?

    It shows the complaint's customer: only for a complaint its user may read, checked when
    the wizard is created, changed or computed; recording the answer needs the right to
    handle (write) the complaint (issue 23)."""

    _name = "crm.complaint.followup"
    _description = "Complaint Follow-up Call"

    complaint_id = fields.Many2one("crm.complaint", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_partner_id", compute_sudo=False
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        complaint_ids = [vals["complaint_id"] for vals in vals_list if vals.get("complaint_id")]
        self._check_complaint_access(self.env["crm.complaint"].browse(complaint_ids), "read")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("complaint_id"):
            complaint = self.env["crm.complaint"].browse(vals["complaint_id"])
            self._check_complaint_access(complaint, "read")
        return super().write(vals)

    def _check_complaint_access(self, complaints, operation):
        """Explicit, as the complaint's values may already sit in the cache."""
        try:
            complaints.check_access(operation)
        except AccessError:
            raise AccessError(
                self.env._("You are not allowed to record the follow-up of this complaint.")
            ) from None

    @api.depends("complaint_id")
    def _compute_partner_id(self):
        for wizard in self:
            self._check_complaint_access(wizard.complaint_id, "read")
            wizard.partner_id = wizard.complaint_id.commercial_partner_id

    @api.depends("problem_solved")
    def _compute_satisfaction_level(self):
        # A sensible start the caller corrects: solved usually means satisfied again.
        for wizard in self:
            wizard.satisfaction_level = (
                "satisfied" if wizard.problem_solved != "no" else "dissatisfied"
            )

    def action_confirm(self):
        # Checked before anything is recorded: the satisfaction history is written as
        # superuser.
        self._check_complaint_access(self.complaint_id, "write")
        for wizard in self:
            wizard.complaint_id._record_followup(
                wizard.problem_solved == "yes", wizard.satisfaction_level, wizard.note
            )
        return {"type": "ir.actions.act_window_close"}
