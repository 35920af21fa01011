from odoo import Command
from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


class CustomerFeedbackCase(TransactionCase):
    """A feedback survey with a 1-to-5 satisfaction question, its officer, a salesperson
    and two customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.write({"contact_max_promotional": 2, "contact_quiet_days": 0})
        cls.salesman = mail_new_test_user(
            cls.env,
            login="feedback_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Feedback Salesman",
            email="fsalesman@example.com",
        )
        cls.survey_officer = mail_new_test_user(
            cls.env,
            login="feedback_officer",
            # Template editor: with restricted template rendering (a fresh Persian
            # database), rendering Odoo's translated invitation needs it.
            groups="base.group_user,survey.group_survey_user,sales_team.group_sale_manager,"
            "mail.group_mail_template_editor",
            name="Feedback Officer",
            email="officer@example.com",
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "How did we do?",
                "access_mode": "token",
                "user_id": cls.survey_officer.id,
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How satisfied are you?",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                        }
                    ),
                    Command.create({"title": "Anything else?", "question_type": "text_box"}),
                ],
            }
        )
        cls.question = cls.survey.question_ids.filtered(lambda q: q.question_type == "scale")
        cls.survey.satisfaction_question_id = cls.question
        cls.customer, cls.other = cls.env["res.partner"].create(
            [
                {"name": "Sara Customer", "email": "sara@example.com"},
                {"name": "Omid Customer", "email": "omid@example.com"},
            ]
        )

    def _complete(self, answer, value):
        """What the survey controller does when the customer submits (as sudo)."""
        answer = answer.sudo()
        answer._save_lines(self.question, str(value))
        answer._mark_done()
        return answer
