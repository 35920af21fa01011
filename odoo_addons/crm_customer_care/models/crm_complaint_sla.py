from odoo import api, fields, models

from .complaint_selections import COMPLAINT_CATEGORIES, COMPLAINT_PRIORITIES


class CrmComplaintSla(models.Model):
    """A service promise: resolve complaints of this kind within so many working hours.

    Empty criteria match everything; the most specific matching promise wins, so a company
    states a general promise and tightens it for, say, platinum customers or urgent cases.
    """

    _name = "crm.complaint.sla"
    _description = "Complaint Service Promise"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one("crm.complaint.team", ondelete="cascade", check_company=True)
    category = fields.Selection(COMPLAINT_CATEGORIES, help="Empty: every category.")
    priority = fields.Selection(COMPLAINT_PRIORITIES, help="Empty: every priority.")
    value_tier_id = fields.Many2one(
        "crm.value.tier",
        string="Customer Tier",
        help="Empty: customers of every tier.",
        check_company=True,
    )
    hours = fields.Float(
        string="Working Hours to Resolve",
        required=True,
        default=16.0,
        help="Counted in the team's working hours, from registration to resolution.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("hours_positive", "CHECK(hours > 0)", "A service promise needs a positive duration."),
    ]

    def _criteria(self):
        return ("team_id", "category", "priority", "value_tier_id")

    def _matches(self, complaint, tier):
        self.ensure_one()
        wanted = {
            "team_id": complaint.team_id,
            "category": complaint.category,
            "priority": complaint.priority,
            "value_tier_id": tier,
        }
        return all(not self[name] or self[name] == wanted[name] for name in self._criteria())

    def _specificity(self):
        return sum(1 for name in self._criteria() if self[name])

    @api.model
    def _find_for(self, complaint, tier):
        """The most specific promise that applies to this complaint, lowest sequence first."""
        company = complaint.company_id or self.env.company
        candidates = self.search([("company_id", "in", [company.id, False])])
        matching = candidates.filtered(lambda sla: sla._matches(complaint, tier))
        if not matching:
            return self.browse()
        return max(matching, key=lambda sla: (sla._specificity(), -sla.sequence, -sla.id))
