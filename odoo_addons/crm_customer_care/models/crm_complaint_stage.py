from odoo import fields, models


class CrmComplaintStage(models.Model):
    """A step of the complaint process; the company decides its steps, the flags its meaning."""

    _name = "crm.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What the person handling it does here.")
    is_resolved = fields.Boolean(
        string="Resolved",
        help="The customer's problem is solved: the resolution time stops, the apology email "
        "goes out and the follow-up call is planned.",
    )
    is_closed = fields.Boolean(
        string="Closed",
        help="Nothing left to do. A complaint reaches a closed stage only after its follow-up.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    active = fields.Boolean(default=True)
