from odoo import fields, models

from odoo.addons.crm_customer_profile.models.crm_satisfaction_entry import SATISFACTION_LEVELS

# 1 to 5, the usual satisfaction scale, read from the top: 5 is delighted, 1 angry.
DEFAULT_MAP = [(5, "delighted"), (4, "happy"), (3, "satisfied"), (2, "dissatisfied"), (0, "angry")]


class CrmFeedbackLevelMap(models.Model):
    """One step of a survey's map from answer to satisfaction level: an answer worth at
    least `min_value` (the scale value, or the chosen answer's score) gives `level`."""

    _name = "crm.feedback.level.map"
    _description = "Survey Answer to Satisfaction Level"
    _order = "min_value desc, id"

    survey_id = fields.Many2one("survey.survey", required=True, index=True, ondelete="cascade")
    min_value = fields.Float(string="From Value", required=True)
    level = fields.Selection(SATISFACTION_LEVELS, required=True)

    _sql_constraints = [
        ("value_unique", "UNIQUE(survey_id, min_value)", "Each value starts one step only."),
    ]
