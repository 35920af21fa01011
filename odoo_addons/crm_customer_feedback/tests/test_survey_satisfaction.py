from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerFeedbackCase


@tagged("post_install", "-at_install")
class TestSurveySatisfaction(CustomerFeedbackCase):
    def _invite(self, partner):
        invite = (
            self.env["survey.invite"]
            .with_user(self.survey_officer)
            .create(
                {
                    "survey_id": self.survey.id,
                    "partner_ids": [Command.set(partner.ids)],
                    "template_id": self.env.ref("survey.mail_template_user_input_invite").id,
                }
            )
        )
        invite.action_invite()
        return self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("partner_id", "=", partner.id)]
        )

    def test_default_map_is_one_to_five(self):
        levels = {step.min_value: step.level for step in self.survey.satisfaction_map_ids}
        self.assertEqual(levels[5], "delighted")
        self.assertEqual(levels[0], "angry")
        self.assertEqual(self.survey._satisfaction_level_for(3), "satisfied")
        self.assertEqual(self.survey._satisfaction_level_for(1), "angry")

    def test_completed_invitation_records_satisfaction(self):
        """An invited customer completing the survey adds a 'survey' entry to their
        history, linked to the answers and signed by who invited them."""
        answer = self._invite(self.customer)
        self.assertTrue(answer.feedback_invited_on)
        self.assertEqual(self.customer.satisfaction_level, False)
        self._complete(answer, 4)

        entry = self.customer.satisfaction_entry_ids
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.level, "happy")
        self.assertEqual(entry.source, "survey")
        self.assertEqual(entry.sudo().survey_user_input_id, answer)
        self.assertEqual(entry.author_id, self.survey_officer)
        self.assertIn("4", entry.note)
        as_salesman = self.customer.with_user(self.salesman)
        self.assertEqual(as_salesman.satisfaction_level, "happy")
        self.assertEqual(as_salesman.last_feedback_level, "happy")
        self.assertTrue(as_salesman.feedback_entry_ids.with_user(self.salesman).has_survey_answers)
        # The invitation is a promotional contact of the month.
        self.assertEqual(as_salesman.contact_promotional_count_month, 1)

    def test_contact_answer_sets_the_company_satisfaction(self):
        """Issue 26 #15: a company's contact answered the survey and the contact's level
        was set, the company staying "dissatisfied" where the suite reads it. The level is
        the company's, with the contact named in its history entry."""
        company = self.env["res.partner"].create({"name": "Tabriz Carpets", "is_company": True})
        contact = self.env["res.partner"].create(
            {"name": "Reza Contact", "email": "reza@tabriz.example", "parent_id": company.id}
        )
        company.record_satisfaction("dissatisfied", source="complaint")
        answer = self._invite(contact)
        self._complete(answer, 5)

        as_salesman = company.with_user(self.salesman)
        self.assertEqual(as_salesman.satisfaction_level, "delighted")
        entry = company.satisfaction_entry_ids.filtered(lambda e: e.source == "survey")
        self.assertEqual(len(entry), 1)
        self.assertIn("Reza Contact", entry.note)
        self.assertEqual(entry.sudo().survey_user_input_id.partner_id, contact)
        self.assertFalse(contact.satisfaction_entry_ids)

    def test_salesperson_fills_survey_on_the_phone(self):
        """The salesperson, no survey officer, opens the customer's answer from the
        customer's form; completing it sets the level with the salesperson as author."""
        action = self.customer.with_user(self.salesman).action_fill_feedback()
        wizard = (
            self.env["crm.feedback.fill"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .create({"survey_key": str(self.survey.id), "channel": "phone"})
        )
        url = wizard.action_start()["url"]
        answer = self.env["survey.user_input"].search([("partner_id", "=", self.customer.id)])
        self.assertIn(answer.access_token, url)
        self.assertEqual(answer.feedback_channel, "phone")
        self._complete(answer, 1)
        entry = self.customer.satisfaction_entry_ids
        self.assertEqual(entry.level, "angry")
        self.assertEqual(entry.author_id, self.salesman)
        # Not an invitation: the phone call is counted as a call, not as a mailing.
        self.assertEqual(self.customer.contact_promotional_count_month, 0)

    def test_scored_choices_map_to_levels(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Choice feedback",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Would you recommend us?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": "Certainly", "answer_score": 5}),
                                Command.create({"value": "Never", "answer_score": 1}),
                            ],
                        }
                    )
                ],
            }
        )
        question = survey.question_ids
        survey.satisfaction_question_id = question
        answer = survey._create_answer(partner=self.other, check_attempts=False)
        never = question.suggested_answer_ids.filtered(lambda a: a.value == "Never")
        answer._save_lines(question, str(never.id))
        answer._mark_done()
        self.assertEqual(self.other.satisfaction_level, "angry")
        self.assertEqual(self.other.satisfaction_entry_ids.note.count("Never"), 1)

    def test_anonymous_or_test_answers_record_nothing(self):
        answer = self.survey._create_answer(email="someone@example.com", check_attempts=False)
        self._complete(answer, 5)
        test_answer = self.survey._create_answer(
            partner=self.customer, test_entry=True, check_attempts=False
        )
        self._complete(test_answer, 5)
        self.assertFalse(self.customer.satisfaction_entry_ids)
        self.assertFalse((answer | test_answer).satisfaction_entry_ids)

    def test_satisfaction_question_of_another_survey_refused(self):
        other = self.env["survey.survey"].create(
            {
                "title": "Other",
                "question_and_page_ids": [
                    Command.create({"title": "Scale", "question_type": "scale"})
                ],
            }
        )
        with self.assertRaises(ValidationError):
            self.survey.satisfaction_question_id = other.question_ids
