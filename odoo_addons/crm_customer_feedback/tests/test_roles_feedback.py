"""The feedback doors tried by each role of the suite (issue 23), as that user."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_customer_profile.tests.roles import SuiteRolesCase


@tagged("post_install", "-at_install")
class TestRolesFeedback(SuiteRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "How did we do?",
                "access_mode": "token",
                "user_id": cls.manager_a.id,
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How satisfied are you?",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                        }
                    )
                ],
            }
        )
        cls.question = cls.survey.question_ids
        cls.survey.satisfaction_question_id = cls.question
        cls.Rule = cls.env["crm.feedback.invitation.rule"]
        cls.rule_a, cls.rule_b = cls.Rule.create(
            [
                {
                    "name": f"After invoices ({company.name})",
                    "survey_id": cls.survey.id,
                    "company_id": company.id,
                    "user_id": manager.id,
                }
                for company, manager in (
                    (cls.company_a, cls.manager_a),
                    (cls.company_b, cls.manager_b),
                )
            ]
        )
        cls.customer_a.record_satisfaction("satisfied", source="manual")

    def _answer_as(self, user, partner, value):
        """The customer submits `value` on the survey page: the survey controller runs as
        the visitor (public or portal user) with the survey's rights (sudo)."""
        # Asked for by the sales manager of A (the note speaks their language).
        survey = self.survey.with_user(self.manager_a).sudo()
        answer = survey._create_answer(partner=partner, check_attempts=False)
        answer = answer.with_user(user).sudo()
        answer._save_lines(self.question, str(value))
        answer._mark_done()
        return answer

    # Out-of-scale answers (issue 23, defect 11) -------------------------------------------

    def test_portal_answer_outside_scale_is_ignored(self):
        """The portal customer of A answers the 1-to-5 satisfaction question with -5 and
        with 999 (Odoo's survey lets both through): neither becomes angry or delighted;
        the customer stays satisfied and each answer carries a note that it was outside
        the scale and not used."""
        self.manager_a.lang = "en_US"
        for value in (-5, 999):
            with self.subTest(value=value):
                answer = self._answer_as(self.portal_a, self.customer_a, value)
                self.assertEqual(answer.state, "done")
                self.assertFalse(answer.satisfaction_entry_ids)
                self.assertEqual(self.customer_a.satisfaction_level, "satisfied")
                self.assertEqual(len(self.customer_a.satisfaction_entry_ids), 1)
                notes = answer.message_ids.filtered(lambda m: "outside" in (m.body or ""))
                self.assertEqual(len(notes), 1, "the answer notes it was not used")
                self.assertIn(str(value), notes.body)
                self.assertIn("1", notes.body)
                self.assertIn("5", notes.body)

    def test_out_of_scale_note_in_persian_and_not_in_crons(self):
        """The portal customer of B answers -5: the note is in the language of who asked
        for the feedback (Persian here); answers completed by a scheduled action only
        log it, no message per record."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["crm_customer_feedback"], ["fa_IR"])
        self.manager_a.lang = "fa_IR"
        answer = self._answer_as(self.portal_b, self.customer_b, -5)
        self.assertFalse(answer.satisfaction_entry_ids)
        note = answer.message_ids.filtered(lambda m: "بیرون از مقیاس" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))
        self.assertFalse(self.customer_b.satisfaction_level)

        survey = self.survey.with_user(self.manager_a).sudo()
        in_cron = survey._create_answer(partner=self.customer_b, check_attempts=False)
        in_cron = in_cron.with_context(lastcall=False)
        messages = in_cron.message_ids
        in_cron._save_lines(self.question, "999")
        in_cron._mark_done()
        self.assertFalse(in_cron.satisfaction_entry_ids)
        self.assertEqual(in_cron.message_ids, messages)

    def test_public_answer_inside_scale_still_maps(self):
        """Invited customers answering by token (the public user) at the ends of the
        1-to-5 scale still map: 5 is delighted, 1 angry."""
        self._answer_as(self.public, self.customer_a, 5)
        self.assertEqual(self.customer_a.satisfaction_level, "delighted")
        answer = self._answer_as(self.public, self.customer_b, 1)
        self.assertEqual(self.customer_b.satisfaction_level, "angry")
        bot = self.env.ref("base.partner_root")
        self.assertFalse(answer.message_ids.filtered(lambda m: m.author_id == bot), "no note")

    # The survey's map and the invitation rules --------------------------------------------

    def test_public_and_portal_read_no_map_or_rule(self):
        """The public visitor and portal customers read neither the survey's answer map
        nor the invitation rules, and cannot open the phone feedback wizard."""
        for user in (self.public, self.portal_a, self.portal_b):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["crm.feedback.level.map"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.Rule.with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["crm.feedback.fill"].with_user(user).create(
                        {"partner_id": self.customer_a.id, "survey_key": str(self.survey.id)}
                    )

    def test_internal_user_reads_map_only(self):
        """A plain internal user reads the answer map (to see what a level came from),
        neither changes it nor reads the rules nor fills feedback for a customer."""
        level_map = self.env["crm.feedback.level.map"].with_user(self.internal)
        self.assertTrue(level_map.search([("survey_id", "=", self.survey.id)]))
        with self.assertRaises(AccessError):
            level_map.search([("survey_id", "=", self.survey.id)], limit=1).write({"min_value": 9})
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.internal).search([])
        self._answer_as(self.public, self.customer_a, 4)
        self.assertEqual(self.customer_a.with_user(self.internal).last_feedback_level, "happy")
        with self.assertRaises(AccessError):
            self.env["crm.feedback.fill"].with_user(self.internal).create(
                {"partner_id": self.customer_a.id, "survey_key": str(self.survey.id)}
            )

    def test_salespeople_read_rules_but_cannot_change_or_run_them(self):
        """Salespeople (own and all documents) of A read A's invitation rules, not B's,
        and can neither edit, create nor run one."""
        for user in (self.salesperson_own, self.salesperson_all):
            with self.subTest(user=user.login):
                rules = self.Rule.with_user(user)
                seen = rules.search([])
                self.assertIn(self.rule_a, seen)
                self.assertNotIn(self.rule_b, seen)
                with self.assertRaises(AccessError):
                    self.rule_a.with_user(user).write({"delay_days": 1})
                with self.assertRaises(AccessError):
                    rules.create({"name": "Mine", "survey_id": self.survey.id})
                with self.assertRaises(AccessError):
                    self.rule_a.with_user(user).action_run_now()

    def test_salesperson_fills_feedback_for_own_company_customer(self):
        """A salesperson (own documents) fills the feedback survey on the phone for a
        customer of company A, and the answer is recorded."""
        wizard = (
            self.env["crm.feedback.fill"]
            .with_user(self.salesperson_own)
            .create({"partner_id": self.customer_a.id, "survey_key": str(self.survey.id)})
        )
        self.assertIn("answer_token", wizard.action_start()["url"])
        answer = self.env["survey.user_input"].search([("partner_id", "=", self.customer_a.id)])
        self.assertEqual(answer.feedback_channel, "phone")

    def test_salesperson_cannot_fill_feedback_for_other_company_customer(self):
        """A salesperson (all documents) of A cannot start a feedback answer for B's
        customer, nor the sales manager of B for A's: they cannot see that customer, and
        it would set a satisfaction level in a company they do not work in."""
        for user, customer in (
            (self.salesperson_all, self.customer_b),
            (self.manager_b, self.customer_a),
        ):
            with self.subTest(user=user.login):
                wizard = (
                    self.env["crm.feedback.fill"]
                    .with_user(user)
                    .create({"partner_id": customer.id, "survey_key": str(self.survey.id)})
                )
                with self.assertRaises(AccessError):
                    wizard.action_start()
                self.assertFalse(
                    self.env["survey.user_input"].search([("partner_id", "=", customer.id)])
                )

    def test_printed_answers_only_for_who_reads_the_entry(self):
        """The printed answers behind a history entry of A's customer: a salesperson of A
        opens them; the portal customer, the public visitor and the sales manager of B,
        calling the button's method with the entry's id, are refused."""
        self._answer_as(self.public, self.customer_a, 4)
        entry = self.customer_a.satisfaction_entry_ids.filtered(lambda e: e.source == "survey")
        self.assertEqual(len(entry), 1)
        action = entry.with_user(self.salesperson_own).action_open_survey_answers()
        self.assertIn("/survey/print/", action["url"])
        for user in (self.public, self.portal_a, self.manager_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                entry.with_user(user).action_open_survey_answers()

    def test_manager_manages_own_company_rules_only(self):
        """The sales manager of A edits and runs A's rule; the manager of B neither sees,
        edits nor runs A's rule, nor creates one in A."""
        self.rule_a.with_user(self.manager_a).write({"delay_days": 3})
        self.assertEqual(self.rule_a.delay_days, 3)
        self.assertTrue(self.rule_a.with_user(self.manager_a).action_run_now())
        rules_b = self.Rule.with_user(self.manager_b)
        self.assertEqual(rules_b.search([]), self.rule_b)
        with self.assertRaises(AccessError):
            self.rule_a.with_user(self.manager_b).write({"delay_days": 1})
        with self.assertRaises(AccessError):
            self.rule_a.with_user(self.manager_b).action_run_now()
        with self.assertRaises(AccessError):
            rules_b.create(
                {"name": "In A", "survey_id": self.survey.id, "company_id": self.company_a.id}
            )

    def test_manager_cannot_change_the_answer_map(self):
        """A sales manager, no survey officer, reads the answer map but cannot change it:
        the survey officers set what an answer means."""
        step = self.survey.satisfaction_map_ids[:1].with_user(self.manager_a)
        self.assertTrue(step.level)
        with self.assertRaises(AccessError):
            step.write({"level": "delighted"})
