from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_feedback_level_map import DEFAULT_MAP

SATISFACTION_QUESTION_TYPES = ("scale", "simple_choice")


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    satisfaction_question_id = fields.Many2one(
        "survey.question",
        domain="[('survey_id', '=', id), ('question_type', 'in', ('scale', 'simple_choice'))]",
        help="When an invited customer completes the survey, the answer to this question "
        "(a scale value, or the score of the chosen answer) sets the customer's "
        "satisfaction level through the map below.",
    )
    satisfaction_map_ids = fields.One2many(
        "crm.feedback.level.map", "survey_id", string="Answer to Satisfaction", copy=True
    )

    @api.constrains("satisfaction_question_id")
    def _check_satisfaction_question(self):
        for survey in self.filtered("satisfaction_question_id"):
            question = survey.satisfaction_question_id
            if (
                question.survey_id != survey
                or question.question_type not in SATISFACTION_QUESTION_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "The satisfaction question must be a scale or single-choice question "
                        "of this survey."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        surveys = super().create(vals_list)
        surveys._add_default_satisfaction_map()
        return surveys

    def write(self, vals):
        result = super().write(vals)
        if vals.get("satisfaction_question_id"):
            self._add_default_satisfaction_map()
        return result

    def _add_default_satisfaction_map(self):
        """A survey given a satisfaction question and no map gets the 1-to-5 one."""
        missing = self.filtered(lambda s: s.satisfaction_question_id and not s.satisfaction_map_ids)
        self.env["crm.feedback.level.map"].create(
            [
                {"survey_id": survey.id, "min_value": value, "level": level}
                for survey in missing
                for value, level in DEFAULT_MAP
            ]
        )

    def _satisfaction_level_for(self, value):
        """The level of the highest step the value reaches; below every step, the lowest."""
        self.ensure_one()
        steps = self.satisfaction_map_ids.sorted("min_value", reverse=True)
        for step in steps:
            if value >= step.min_value:
                return step.level
        return steps[-1:].level or False
