"""A completed feedback answer of a customer becomes an entry of the customer's
satisfaction history (source: survey), linked to the answer."""

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

FEEDBACK_CHANNELS = [
    ("email", "Email Invitation"),
    ("phone", "Phone"),
    ("in_person", "In Person"),
]


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    feedback_channel = fields.Selection(
        FEEDBACK_CHANNELS,
        string="Asked By",
        help="How the customer was asked: invited by email, or asked by a salesperson on "
        "the phone or in person.",
    )
    feedback_invited_on = fields.Datetime(
        string="Invited On", readonly=True, index="btree_not_null", copy=False
    )
    feedback_rule_id = fields.Many2one(
        "crm.feedback.invitation.rule",
        string="Invitation Rule",
        readonly=True,
        index="btree_not_null",
    )
    satisfaction_entry_ids = fields.One2many(
        "crm.satisfaction.entry", "survey_user_input_id", string="Satisfaction Entries"
    )
    feedback_level = fields.Selection(
        related="satisfaction_entry_ids.level", string="Satisfaction Given"
    )

    def _mark_done(self):
        result = super()._mark_done()
        self._record_customer_satisfaction()
        return result

    def _record_customer_satisfaction(self):
        # The customer fills the survey as the public or portal user: the history is
        # written with the survey's rights (sudo, reached from _mark_done: the survey
        # controller's answer of the visitor, or a survey officer), and signed by who
        # asked for the feedback.
        for user_input in self.sudo()._feedback_to_record():
            level, note = user_input._feedback_level_and_note()
            if not level:
                continue
            # Satisfaction is the customer's (the commercial entity, where the suite reads
            # it); the contact who answered is named in the entry and linked by the answer.
            contact = user_input.partner_id
            customer = contact.commercial_partner_id
            if customer != contact:
                note = self.env._(
                    "Answered by %(contact)s. %(note)s", contact=contact.name, note=note
                )
            entry = customer.record_satisfaction(
                level, source="survey", note=note, date=user_input.end_datetime
            )
            entry.write(
                {
                    "survey_user_input_id": user_input.id,
                    "author_id": user_input._feedback_author().id,
                }
            )

    def _feedback_to_record(self):
        return self.filtered(
            lambda ui: (
                ui.partner_id
                and not ui.test_entry
                and ui.survey_id.satisfaction_question_id
                and not ui.satisfaction_entry_ids
            )
        )

    def _feedback_level_and_note(self):
        self.ensure_one()
        survey = self.survey_id
        question = survey.satisfaction_question_id
        line = self.user_input_line_ids.filtered(
            lambda line: line.question_id == question and not line.skipped
        )[:1]
        if not line:
            return False, False
        if question.question_type == "scale":
            value, shown = line.value_scale, str(line.value_scale)
            if not question.scale_min <= value <= question.scale_max:
                # Odoo's survey accepts any number for a scale (_validate_scale checks
                # only that one is given): a -5 or 999 is no level of this scale.
                self._note_out_of_scale(question, value)
                return False, False
        else:
            value, shown = line.suggested_answer_id.answer_score, line.suggested_answer_id.value
        note = self.env._(
            "%(survey)s: %(question)s %(answer)s",
            survey=survey.title,
            question=question.title,
            answer=shown,
        )
        return survey._satisfaction_level_for(value), note

    def _note_out_of_scale(self, question, value):
        """Say on the answer (its chatter, read by the survey officers) that its value was
        outside the question's scale and set no satisfaction level; in the language of
        who asked for the feedback. A scheduled action only logs it: no message per
        record in a batch."""
        self.ensure_one()
        if "lastcall" in self.env.context or self.env.context.get("ir_cron_progress_id"):
            _logger.info(
                "Survey answer %s: value %s outside the scale %s-%s of question %s, not used.",
                self.id,
                value,
                question.scale_min,
                question.scale_max,
                question.id,
            )
            return
        author = self._feedback_author()
        answer = self.with_context(lang=author.lang or self.env.lang)
        answer._message_log(
            body=answer.env._(
                "The answer %(value)s to “%(question)s” is outside the question's scale "
                "(%(min)s to %(max)s): it was not used for the customer's satisfaction "
                "level.",
                value=value,
                question=question.with_context(lang=answer.env.lang).title,
                min=question.scale_min,
                max=question.scale_max,
            ),
            author_id=self.env.ref("base.partner_root").id,
        )

    def _feedback_author(self):
        self.ensure_one()
        if self.create_uid and not self.create_uid.share:
            return self.create_uid
        return self.survey_id.user_id or self.env.ref("base.user_root")

    @api.model
    def _feedback_stamp_invitation(self, rule=False):
        """Values marking an answer as an invitation sent now: the contact count sees it."""
        return {
            "feedback_invited_on": fields.Datetime.now(),
            "feedback_channel": "email",
            "feedback_rule_id": rule and rule.id,
        }
