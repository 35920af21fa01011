from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintSla(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Sla = cls.env["crm.complaint.sla"]
        cls.sla_general = Sla.create({"name": "General", "hours": 6, "sequence": 20})
        cls.sla_staff_urgent = Sla.create(
            {"name": "Staff, urgent", "hours": 2, "category": "staff", "priority": "3"}
        )
        cls.platinum = cls.env.ref("crm_customer_value.crm_value_tier_platinum")
        cls.sla_platinum = Sla.create(
            {"name": "Platinum", "hours": 3, "value_tier_id": cls.platinum.id, "sequence": 30}
        )

    def test_deadline_across_the_weekend(self):
        """6 working hours from Friday 13:00 (UTC, 8-16): Fri 13-16 + Mon 8-11 = Monday 11:00."""
        complaint = self._complaint(date_open=self.at("2026-11-20 13:00"))
        self.assertEqual(complaint.sla_id, self.sla_general)
        self.assertEqual(complaint.sla_deadline, self.at("2026-11-23 11:00"))

    def test_most_specific_promise_wins(self):
        staff_urgent = self._complaint(category="staff", priority="3")
        self.assertEqual(staff_urgent.sla_id, self.sla_staff_urgent)
        staff_normal = self._complaint(category="staff", priority="1")
        self.assertEqual(staff_normal.sla_id, self.sla_general)

    def test_platinum_customer_waits_less(self):
        """A platinum customer is promised 3 working hours instead of 6."""
        self.env["crm.customer.value"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "value_tier_id": self.platinum.id,
            }
        )
        complaint = self._complaint(user=self.handler, date_open=self.at("2026-11-20 13:00"))
        self.assertEqual(complaint.sla_id, self.sla_platinum)
        self.assertEqual(complaint.sla_deadline, self.at("2026-11-20 16:00"))

    def test_breach_gives_team_leader_one_activity(self):
        """The cron marks a complaint past its promise and tells the team leader, once."""
        with freeze_time("2026-11-20 13:00:00"):
            late = self._complaint(date_open=self.at("2026-11-20 13:00"))
            on_time = self._complaint(date_open=self.at("2026-11-20 13:00"))
            on_time.stage_id = self.stage_resolved
        with freeze_time("2026-11-23 11:30:00"):
            self.env["crm.complaint"]._cron_notify_sla_breaches()
            self.env["crm.complaint"]._cron_notify_sla_breaches()
        self.assertEqual(late.sla_state, "breached")
        self.assertEqual(on_time.sla_state, "met")
        breach_type = self.env.ref("crm_customer_care.mail_activity_type_complaint_breach")
        activities = late.activity_ids.filtered(lambda a: a.activity_type_id == breach_type)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.leader)
        self.assertFalse(on_time.activity_ids.filtered(lambda a: a.activity_type_id == breach_type))
        with freeze_time("2026-11-23 12:00:00"):
            late.stage_id = self.stage_resolved
        self.assertEqual(late.sla_state, "failed")

    def test_about_to_break_filter(self):
        """Friday 15:00 with a deadline at Monday 11:00 is not at risk; Monday 08:00 is."""
        complaint = self._complaint(date_open=self.at("2026-11-20 13:00"))
        Complaint = self.env["crm.complaint"].with_user(self.handler)
        domain = [("sla_at_risk", "=", True), ("id", "=", complaint.id)]
        with freeze_time("2026-11-20 15:00:00"):
            self.assertFalse(Complaint.search(domain))
            self.assertTrue(
                Complaint.search([("sla_at_risk", "=", False), ("id", "=", complaint.id)])
            )
        with freeze_time("2026-11-23 08:00:00"):
            self.assertEqual(Complaint.search(domain), complaint)
            complaint.stage_id = self.stage_resolved
            self.assertFalse(Complaint.search(domain))
