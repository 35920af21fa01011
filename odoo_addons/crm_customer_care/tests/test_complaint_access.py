from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintAccess(ComplaintCase):
    def test_handler_sees_own_and_team_complaints_only(self):
        """A complaint user handles their own and their team's complaints, not others'."""
        mine = self._complaint(user=self.handler, subject="Mine")
        teams = self._complaint(user_id=self.leader.id, subject="Team's")
        others = self._complaint(team_id=self.other_team.id, user_id=False, subject="Other's")
        Complaint = self.env["crm.complaint"].with_user(self.handler)
        visible = Complaint.search([("id", "in", (mine | teams | others).ids)])
        self.assertEqual(visible, mine | teams)
        with self.assertRaises(AccessError):
            others.with_user(self.handler).read(["subject"])
        mine.with_user(self.handler).write({"root_cause": "Loose screw"})
        self.assertEqual(mine.root_cause, "Loose screw")

    def test_manager_sees_all_and_configures(self):
        others = self._complaint(team_id=self.other_team.id, user_id=False)
        self.assertEqual(
            self.env["crm.complaint"].with_user(self.manager).search([("id", "=", others.id)]),
            others,
        )
        stage = self.env["crm.complaint.stage"].with_user(self.manager).create({"name": "Repair"})
        self.assertTrue(stage.exists())
        with self.assertRaises(AccessError):
            self.env["crm.complaint.stage"].with_user(self.handler).create({"name": "No"})

    def test_sales_manager_reads_every_complaint_and_handles_own(self):
        """The sales manager reads the complaints behind the service KPIs (all of their
        companies'), but handles only their own and their team's, like any complaint user."""
        sales_manager = new_test_user(
            self.env,
            login="care_sales_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        others = self._complaint(team_id=self.other_team.id, user_id=False, subject="Other's")
        self.assertEqual(
            self.env["crm.complaint"].with_user(sales_manager).search([("id", "=", others.id)]),
            others,
        )
        with self.assertRaises(AccessError):
            others.with_user(sales_manager).write({"root_cause": "Not mine to say"})
        company_b = self.env["res.company"].create({"name": "Care B"})
        complaint_b = self._complaint(company_id=company_b.id, team_id=False, user_id=False)
        self.assertFalse(
            self.env["crm.complaint"].with_user(sales_manager).search([("id", "=", complaint_b.id)])
        )

    def test_other_company_complaints_are_hidden(self):
        """Record rules per company: a manager of company A does not see company B's."""
        company_b = self.env["res.company"].create({"name": "Care B"})
        complaint_b = self._complaint(company_id=company_b.id, team_id=False, user_id=False)
        found = (
            self.env["crm.complaint"].with_user(self.manager).search([("id", "=", complaint_b.id)])
        )
        self.assertFalse(found)

    def test_sync_integration_user_cannot_read_complaints(self):
        """The sync worker's user (an internal user with only the integration group) must
        not read complaints: they hold customers' grievances, not sync data."""
        groups = "base.group_user"
        integration = self.env.ref(
            "crm_sync_connector.crm_sync_connector_group_integration", raise_if_not_found=False
        )
        if integration:
            groups += ",crm_sync_connector.crm_sync_connector_group_integration"
        worker = new_test_user(self.env, login="care_sync_worker", groups=groups)
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(worker).read(["subject"])
        with self.assertRaises(AccessError):
            self.env["crm.complaint"].with_user(worker).search([])
