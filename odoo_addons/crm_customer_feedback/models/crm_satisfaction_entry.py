from odoo import api, fields, models


class CrmSatisfactionEntry(models.Model):
    _inherit = "crm.satisfaction.entry"

    # Survey answers are the survey officers' records: salespeople reach them through
    # this link and the button below, not by reading survey.user_input themselves.
    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answers",
        index="btree_not_null",
        ondelete="set null",
        groups="survey.group_survey_user",
    )
    has_survey_answers = fields.Boolean(compute="_compute_has_survey_answers")

    @api.depends_context("uid")
    def _compute_has_survey_answers(self):
        for entry in self:
            entry.has_survey_answers = bool(entry.sudo().survey_user_input_id)

    def action_open_survey_answers(self):
        """The printed answers, behind the answer's own access token."""
        self.ensure_one()
        # The door: a public method, callable with any entry's id. Only who reads the entry
        # (internal users of its company, by crm_customer_profile's ACL and rule) gets the
        # answer's token; sudo then reads the answer for them (no survey officer right).
        self.check_access("read")
        return self.sudo().survey_user_input_id.action_print_answers()
