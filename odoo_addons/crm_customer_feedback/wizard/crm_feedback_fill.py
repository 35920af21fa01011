from odoo import api, fields, models


class CrmFeedbackFill(models.TransientModel):
    """Phone and in-person feedback: the salesperson opens the customer's own answer
    and fills it with them; completing it records the satisfaction like any answer."""

    _name = "crm.feedback.fill"
    _description = "Fill a Feedback Survey for a Customer"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    # Salespeople are not survey officers and cannot read surveys: they choose among the
    # feedback surveys by title.
    survey_key = fields.Selection(selection="_selection_survey_key", string="Survey", required=True)
    channel = fields.Selection(
        [("phone", "Phone"), ("in_person", "In Person")], required=True, default="phone"
    )

    @api.model
    def _feedback_surveys(self):
        # sudo: the titles and ids of the active feedback surveys, reached by who may
        # create this wizard (salespeople and sales managers, by the ACL).
        return (
            self.env["survey.survey"]
            .sudo()
            .search([("satisfaction_question_id", "!=", False), ("active", "=", True)])
        )

    @api.model
    def _selection_survey_key(self):
        return [(str(survey.id), survey.title) for survey in self._feedback_surveys()]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        surveys = self._feedback_surveys()
        if "survey_key" in fields_list and len(surveys) == 1:
            values.setdefault("survey_key", str(surveys.id))
        return values

    def _create_answer(self):
        self.ensure_one()
        # The door: only for a customer the salesperson may read (res.partner's
        # multi-company rule), as the answer will set that customer's satisfaction level.
        # The surveys are read sudo (salespeople are no survey officers), the customer never.
        self.partner_id.check_access("read")
        survey = self._feedback_surveys().filtered(lambda s: str(s.id) == self.survey_key)
        answer = survey._create_answer(partner=self.partner_id, check_attempts=False)
        answer.feedback_channel = self.channel
        return answer

    def action_start(self):
        answer = self._create_answer()
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": f"{answer.survey_id.get_start_url()}?answer_token={answer.access_token}",
        }
