from odoo import api, fields, models

# Seed 000's five steps, from the customer who recruits others to the one who works against us.
SATISFACTION_LEVELS = [
    ("delighted", "Delighted"),
    ("happy", "Happy"),
    ("satisfied", "Satisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("angry", "Angry"),
]
UNHAPPY_LEVELS = ("dissatisfied", "angry")
SATISFACTION_SOURCES = [
    ("manual", "Manual"),
    ("survey", "Survey"),
    ("complaint", "Complaint"),
    ("other", "Other"),
]


class CrmSatisfactionEntry(models.Model):
    """One observation of a customer's satisfaction; the newest one is the current level."""

    _name = "crm.satisfaction.entry"
    _description = "Customer Satisfaction Entry"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    level = fields.Selection(SATISFACTION_LEVELS, required=True)
    source = fields.Selection(SATISFACTION_SOURCES, required=True, default="manual")
    note = fields.Text()
    author_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("partner_id", "level", "date")
    def _compute_display_name(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for entry in self:
            entry.display_name = f"{entry.partner_id.display_name}: {levels.get(entry.level, '')}"
