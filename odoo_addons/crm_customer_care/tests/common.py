from datetime import datetime

from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user

USER = "crm_customer_care.crm_customer_care_group_user"
MANAGER = "crm_customer_care.crm_customer_care_group_manager"


class ComplaintCase(TransactionCase):
    """The people who meet complaints: a salesperson, a complaint handler, another handler
    of another team, a manager; a customer company with a contact; a Monday-to-Friday
    calendar in UTC so that working-hour arithmetic can be read off the test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.salesman = new_test_user(
            cls.env,
            login="care_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Care Salesman",
        )
        cls.handler = new_test_user(
            cls.env, login="care_handler", groups=f"base.group_user,{USER}", name="Care Handler"
        )
        cls.other_handler = new_test_user(
            cls.env, login="care_other", groups=f"base.group_user,{USER}", name="Other Handler"
        )
        cls.manager = new_test_user(
            cls.env, login="care_manager", groups=f"base.group_user,{MANAGER}", name="Care Manager"
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Care week (UTC)",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 16}
                    )
                    for day in range(5)
                ],
            }
        )
        cls.leader = new_test_user(
            cls.env, login="care_leader", groups=f"base.group_user,{USER}", name="Care Leader"
        )
        cls.team = cls.env["crm.complaint.team"].create(
            {
                "name": "Care Team",
                "user_id": cls.leader.id,
                "member_ids": [Command.set([cls.handler.id, cls.leader.id])],
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.other_team = cls.env["crm.complaint.team"].create(
            {"name": "Other Team", "member_ids": [Command.set(cls.other_handler.ids)]}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Persepolis Furniture", "is_company": True, "email": "info@persepolis.example"}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Parisa Tehrani",
                "parent_id": cls.customer.id,
                "email": "parisa@persepolis.example",
            }
        )
        cls.stages = cls.env["crm.complaint.stage"].search([])
        cls.stage_new = cls.env.ref("crm_customer_care.crm_complaint_stage_new")
        cls.stage_listening = cls.env.ref("crm_customer_care.crm_complaint_stage_listening")
        cls.stage_resolved = cls.env.ref("crm_customer_care.crm_complaint_stage_resolved")
        cls.stage_closed = cls.env.ref("crm_customer_care.crm_complaint_stage_followed_up")
        # Only the promises a test creates apply.
        cls.env["crm.complaint.sla"].search([]).active = False

    @staticmethod
    def at(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M")

    def _complaint(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        values = {
            "subject": "Broken chair",
            "partner_id": self.contact.id,
            "team_id": self.team.id,
            **values,
        }
        return env["crm.complaint"].create(values)
