from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintFlow(ComplaintCase):
    def test_number_and_dissatisfaction_recorded(self):
        """Registering records 'dissatisfied' in the customer's profile (source complaint)."""
        self.customer.record_satisfaction("happy", source="manual")
        complaint = self._complaint(user=self.handler)
        self.assertTrue(complaint.name.startswith("CMP/"))
        latest = self.env["crm.satisfaction.entry"].search(
            [("partner_id", "=", self.customer.id)], limit=1
        )
        self.assertEqual((latest.level, latest.source), ("dissatisfied", "complaint"))
        self.assertEqual(self.customer.satisfaction_level, "dissatisfied")
        self.assertIn(complaint.name, latest.note)

    def test_system_made_complaint_waits_for_a_person(self):
        """Complaints created by the system (gateway, portal) were assigned to OdooBot, so the
        portal said "Handled by: OdooBot"; they now wait unassigned for the team."""
        self.assertFalse(self._complaint().user_id)
        self.assertEqual(self._complaint(user=self.handler).user_id, self.handler)

    def test_angry_customer_stays_angry_and_gets_high_priority(self):
        self.customer.record_satisfaction("angry", source="manual")
        entries = len(self.customer.satisfaction_entry_ids)
        complaint = self._complaint(user=self.handler)
        self.assertEqual(self.customer.satisfaction_level, "angry")
        self.assertEqual(len(self.customer.satisfaction_entry_ids), entries)
        self.assertEqual(complaint.priority, "2")

    def test_content_customer_gets_normal_priority(self):
        self.customer.record_satisfaction("happy", source="manual")
        complaint = self._complaint(user=self.handler)
        self.assertEqual(complaint.priority, "1")
        # A second complaint: the customer is now dissatisfied, so it starts high.
        self.assertEqual(self._complaint(user=self.handler).priority, "2")

    def test_listen_panel_shows_profile_to_handler_without_sales_rights(self):
        """The handler (no sales rights) reads satisfaction, style, advice and tier."""
        style = self.env.ref("crm_customer_profile.crm_customer_style_skeptical")
        self.customer.customer_style_id = style
        platinum = self.env.ref("crm_customer_value.crm_value_tier_platinum")
        self.env["crm.customer.value"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "value_tier_id": platinum.id,
            }
        )
        complaint = self._complaint(user=self.handler).with_user(self.handler)
        with Form(complaint) as form:
            self.assertEqual(form.customer_satisfaction, "dissatisfied")
            self.assertEqual(form.customer_style_id, style)
            self.assertIn(style.advice, form.treatment_advice)
            self.assertEqual(form.customer_value_tier_id, platinum)

    def test_times_in_working_hours_and_reopen(self):
        """Friday 14:00 to Monday 10:00 is 4 working hours (Fri 14-16, Mon 8-10)."""
        with freeze_time("2026-11-20 14:00:00"):
            complaint = self._complaint(user=self.handler, date_open=self.at("2026-11-20 14:00"))
        with freeze_time("2026-11-20 15:00:00"):
            complaint.stage_id = self.stage_listening
        with freeze_time("2026-11-23 10:00:00"):
            complaint.stage_id = self.stage_resolved
        self.assertEqual(complaint.date_first_response, self.at("2026-11-20 15:00"))
        self.assertEqual(complaint.date_resolved, self.at("2026-11-23 10:00"))
        self.assertAlmostEqual(complaint.hours_to_resolve, 4.0)
        complaint.stage_id = self.stage_listening
        self.assertFalse(complaint.date_resolved)
        self.assertEqual(complaint.hours_to_resolve, 0.0)

    def test_report_months_are_the_companys_days(self):
        """A complaint opened at 00:30 on 1 December in Tehran (21:00 UTC on 30 November)
        is December's; in New York 22:00 on 30 November (03:00 UTC on 1 December) is
        November's."""
        tehran, new_york = self.env["res.company"].create(
            [{"name": "Tehran Co"}, {"name": "New York Co"}]
        )
        tehran.resource_calendar_id.tz = "Asia/Tehran"
        new_york.resource_calendar_id.tz = "America/New_York"
        self._complaint(date_open=self.at("2025-11-30 21:00"), company_id=tehran.id, team_id=False)
        self._complaint(
            date_open=self.at("2025-12-01 03:00"), company_id=new_york.id, team_id=False
        )
        report = self.env["crm.complaint.resolution.report"]
        self.assertEqual(str(report.search([("company_id", "=", tehran.id)]).month), "2025-12-01")
        self.assertEqual(str(report.search([("company_id", "=", new_york.id)]).month), "2025-11-01")
        # The list names the month as the company counts it, for the reader (the test
        # database is Persian: English must be active to be read).
        self.env["res.lang"]._activate_lang("en_US")
        row = report.with_context(lang="en_US").search([("company_id", "=", tehran.id)])
        self.assertEqual(row.month_name, "December 2025")

    def test_report_median_and_promise_figures(self):
        """The public figures: median of 2, 4 and 38 working hours is 4; two of three kept."""
        # A company of its own, so that no other complaint (demo data) counts.
        company = self.env["res.company"].create({"name": "Figures Co"})
        # The team (and its calendar) serves every company: a complaint takes only a team
        # of its own company or a shared one.
        self.calendar.company_id = False
        self.team.company_id = False
        self.env["crm.complaint.sla"].create({"name": "8h", "hours": 8, "company_id": company.id})
        for hours_resolved_after in ("2026-11-16 10:00", "2026-11-16 12:00", "2026-11-20 14:00"):
            with freeze_time("2026-11-16 08:00:00"):
                complaint = self._complaint(
                    date_open=self.at("2026-11-16 08:00"), company_id=company.id
                )
            with freeze_time(hours_resolved_after):
                complaint.stage_id = self.stage_resolved
        figures = self.env["crm.complaint"]._promise_figures(company, year=2026)
        self.assertEqual(figures["median_hours"], 4.0)
        self.assertEqual(figures["within_promise_percent"], 67)
        report = self.env["crm.complaint.resolution.report"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(report.mapped("median_hours"), [4.0])
        self.assertEqual(report.resolved_count, 3)
