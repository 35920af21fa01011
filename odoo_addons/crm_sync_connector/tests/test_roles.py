"""Who may do what with the sync (issue 23, items 1, 5 and 8): each test names the role that
attempts something and runs it as that user (`with_user`), never as the superuser.

Roles: Odoo's public user, a portal customer, a plain internal user, a salesperson, the
sales managers of company A and of company B (Sales / Administrator implies sync Manager),
and the worker's integration user (Internal User + Integration, as the worker's README
and `crm-sync check` ask for)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SyncCase

INTERNAL = "base.group_user"
SALESPERSON = "base.group_user,sales_team.group_sale_salesman"
SALES_MANAGER = "base.group_user,sales_team.group_sale_manager"


class SyncRolesCase(SyncCase):
    """Two companies, a portal customer, and one user per role; a source of company A
    whose lease a worker holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Sync Roles Co B"})
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Roles Customer A", "is_company": True, "company_id": cls.company_a.id}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Roles Portal Contact", "parent_id": cls.customer_a.id}
        )
        cls.public = cls.env.ref("base.public_user")
        cls.portal = cls.role("sync_roles_portal", "base.group_portal", partner_id=contact.id)
        cls.internal = cls.role("sync_roles_internal", INTERNAL)
        cls.salesperson = cls.role("sync_roles_sales", SALESPERSON)
        cls.manager_a = cls.role("sync_roles_manager_a", SALES_MANAGER)
        cls.manager_b = cls.role("sync_roles_manager_b", SALES_MANAGER, company=cls.company_b)
        cls.source_a = cls.env["crm.sync.source"].create(
            {"name": "roles-web", "kind": "rest_json", "company_id": cls.company_a.id}
        )
        cls.source_a.write(
            {
                "lease_owner": "worker-dead",
                "lease_until": fields.Datetime.now() + timedelta(minutes=5),
            }
        )

    @classmethod
    def role(cls, login, groups, company=None, **values):
        company = company or cls.company_a
        return cls.env["res.users"].create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "email": f"{login}@roles.example",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([cls.env.ref(xmlid).id for xmlid in groups.split(",")])],
                **values,
            }
        )

    def as_(self, user, record):
        return record.with_user(user)


@tagged("post_install", "-at_install")
class TestRolesReleaseLease(SyncRolesCase):
    """Item 1: only a sync manager of the source's company releases a lease."""

    def assert_cannot_release(self, user):
        with self.assertRaises(AccessError):
            self.as_(user, self.source_a).action_release_lease()
        self.assertEqual(self.source_a.lease_owner, "worker-dead")

    def test_public_user_cannot_release_a_lease(self):
        """Public user: releasing a source's lease is refused."""
        self.assert_cannot_release(self.public)

    def test_portal_customer_cannot_release_a_lease(self):
        """Portal customer: releasing a source's lease is refused."""
        self.assert_cannot_release(self.portal)

    def test_internal_user_cannot_release_a_lease(self):
        """Plain internal user: releasing a source's lease is refused."""
        self.assert_cannot_release(self.internal)

    def test_salesperson_cannot_release_a_lease(self):
        """Salesperson: releasing a source's lease is refused."""
        self.assert_cannot_release(self.salesperson)

    def test_integration_user_cannot_release_a_lease(self):
        """Integration user: releasing (stealing) another worker's lease is refused; it
        gives its own back through sync_end only."""
        self.assert_cannot_release(self.integration)

    def test_sales_manager_of_another_company_cannot_release_a_lease(self):
        """Sales manager of company B: releasing the lease of a company A source is
        refused."""
        self.assert_cannot_release(self.manager_b)

    def test_sales_manager_releases_the_lease_of_a_dead_worker(self):
        """Sales manager of company A (sync manager): releases the lease."""
        self.as_(self.manager_a, self.source_a).action_release_lease()
        self.assertFalse(self.source_a.lease_owner)
        self.assertFalse(self.source_a.lease_until)


@tagged("post_install", "-at_install")
class TestRolesConfigureSources(SyncRolesCase):
    """Item 5: only sync managers configure sources; the integration user reads its
    sources and moves only the cursor, lease and run fields, through the worker's API."""

    def test_integration_user_cannot_switch_a_source_to_the_mail_gateway(self):
        """Integration user: switching a source to Odoo's mail gateway is refused."""
        source = self.as_(self.integration, self.source_a)
        with self.assertRaises(AccessError):
            source.write({"email_use_gateway": True})
        self.assertFalse(self.source_a.email_use_gateway)

    def test_integration_user_cannot_configure_a_source(self):
        """Integration user: changing a source's team, rules, cursor or lease by hand, and
        creating or deleting a source, are refused."""
        source = self.as_(self.integration, self.source_a)
        team = self.env["crm.team"].search([], limit=1)
        for values in (
            {"lead_team_id": team.id},
            {"email_never_log": ""},
            {"email_unknown_sender": "ignore"},
            {"name": "renamed"},
            {"cursor": "far-ahead"},
            {"lease_owner": "me", "lease_until": fields.Datetime.now()},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                source.write(values)
        with self.assertRaises(AccessError):
            self.as_(self.integration, self.env["crm.sync.source"]).create(
                {"name": "mine", "kind": "imap", "email_use_gateway": True}
            )
        with self.assertRaises(AccessError):
            source.unlink()

    def test_integration_user_reads_its_sources_and_runs_them_through_the_api(self):
        """Integration user: reads its sources; sync_begin records the configuration and
        schedule, a batch moves the cursor, sync_end gives the lease back."""
        source = self.as_(self.integration, self.source_a)
        self.assertEqual(source.read(["email_use_gateway", "cursor"])[0]["cursor"], False)
        self.source_a.write({"lease_owner": False, "lease_until": False})
        session = self.Source.sync_begin(
            "roles-web", "rest_json", "worker-1", schedule_seconds=60, configuration="{}"
        )
        self.assertTrue(session["leased"])
        self.assertEqual((self.source_a.configuration, self.source_a.schedule_seconds), ("{}", 60))
        self.push(session["run_id"], [self.submission(41)], cursor="page-2")
        self.assertEqual(self.source_a.cursor, "page-2")
        self.assertTrue(self.Source.sync_end(session["run_id"], "worker-1"))
        self.assertFalse(self.source_a.lease_owner)

    def test_sales_manager_configures_a_source(self):
        """Sales manager of company A (sync manager): configures a source of company A."""
        self.as_(self.manager_a, self.source_a).write(
            {"email_use_gateway": True, "email_never_log": "lawyer.example"}
        )
        self.assertTrue(self.source_a.email_use_gateway)

    def test_sales_manager_of_another_company_cannot_configure_a_source(self):
        """Sales manager of company B: neither sees nor configures a company A source."""
        source = self.as_(self.manager_b, self.source_a)
        with self.assertRaises(AccessError):
            source.write({"email_use_gateway": True})
        self.assertFalse(source.search([("id", "=", self.source_a.id)]))

    def test_other_roles_neither_read_nor_configure_sources(self):
        """Public user, portal customer, plain internal user, salesperson: reading or
        configuring a source, and calling the worker's API, are refused."""
        for user in (self.public, self.portal, self.internal, self.salesperson):
            with self.subTest(user=user.login):
                source = self.as_(user, self.source_a)
                with self.assertRaises(AccessError):
                    source.read(["name"])
                with self.assertRaises(AccessError):
                    source.write({"email_use_gateway": True})
                with self.assertRaises(AccessError):
                    source.browse().sync_begin("roles-web", "rest_json", "intruder")
        self.assertFalse(self.source_a.email_use_gateway)
        self.assertEqual(self.source_a.lease_owner, "worker-dead")


@tagged("post_install", "-at_install")
class TestRolesIntegrationUser(SyncRolesCase):
    """Item 8: the integration user is an internal user, but reads and writes only what
    the sync needs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.won = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.proposition = cls.env["crm.stage"].search(
            [("is_won", "=", False), ("fold", "=", False)], order="sequence desc", limit=1
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "A salesperson's lead",
                "email_from": "roles-visitor@example.com",
                "user_id": cls.salesperson.id,
                "expected_revenue": 1200,
                "company_id": cls.company_a.id,
            }
        )

    def test_integration_user_reads_only_its_own_user(self):
        """Integration user: reads its own user, groups and context (login, `crm-sync
        check`), but no other user and not who is in a group."""
        users = self.env["res.users"].with_user(self.integration)
        self.assertEqual(users.search([]), self.integration)
        me = users.browse(self.integration.id)
        self.assertTrue(me.read(["name", "login", "groups_id", "company_ids"]))
        self.assertTrue(me.has_group("crm_sync_connector.crm_sync_connector_group_integration"))
        self.assertTrue(me.has_group("base.group_user"))
        self.assertTrue(users.context_get())
        with self.assertRaises(AccessError):
            users.browse(self.admin.id).read(["login", "groups_id"])
        system = self.env.ref("base.group_system").with_user(self.integration)
        self.assertFalse(system.users)

    def test_integration_user_cannot_read_bank_accounts(self):
        """Integration user: reading partners' bank accounts is refused."""
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "IR820540102680020817909002", "partner_id": self.customer_a.id}
        )
        banks = self.env["res.partner.bank"].with_user(self.integration)
        self.assertFalse(banks.search([]))
        with self.assertRaises(AccessError):
            banks.browse(bank.id).read(["acc_number"])

    def test_integration_user_cannot_read_the_satisfaction_history(self):
        """Integration user: reading the satisfaction history (with complaint numbers) is
        refused (rule of crm_customer_suite, when crm_customer_profile is installed)."""
        if "crm.satisfaction.entry" not in self.env:
            self.skipTest("crm_customer_profile is not installed")
        if self.env["ir.module.module"]._get("crm_customer_suite").state != "installed":
            self.skipTest("crm_customer_suite, which holds the rule, is not installed")
        entry = self.env["crm.satisfaction.entry"].create(
            {"partner_id": self.customer_a.id, "level": "angry", "note": "Complaint C-0042"}
        )
        entries = self.env["crm.satisfaction.entry"].with_user(self.integration)
        self.assertFalse(entries.search([]))
        with self.assertRaises(AccessError):
            entries.browse(entry.id).read(["note"])

    def test_integration_user_cannot_rewrite_a_leads_pipeline(self):
        """Integration user: rewriting an existing lead's salesperson, expected revenue,
        probability or stage is refused, one field at a time and with what the sync may
        write; so are its team, and marking it lost or archiving it."""
        lead = self.as_(self.integration, self.lead)
        for values in (
            {"user_id": self.admin.id},
            {"expected_revenue": 999999},
            {"probability": 100},
            {"stage_id": self.proposition.id},
            {"stage_id": self.won.id},
            {"description": "<p>hello</p>", "user_id": False},
            {"team_id": False},
            {"active": False},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                lead.write(dict(values))
        self.assertEqual((self.lead.user_id, self.lead.expected_revenue), (self.salesperson, 1200))
        self.assertNotIn(self.lead.stage_id, self.proposition | self.won)
        self.assertTrue(self.lead.active)
        with self.assertRaises(AccessError):
            lead.action_set_lost()

    def test_integration_user_cannot_create_a_won_lead_for_someone(self):
        """Integration user: creating a lead with a salesperson, a revenue, a probability
        or a won stage is refused; Odoo's assignment rules choose the salesperson."""
        leads = self.env["crm.lead"].with_user(self.integration)
        for values in (
            {"user_id": self.admin.id},
            {"expected_revenue": 999999},
            {"probability": 100},
            {"stage_id": self.proposition.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                leads.create({"name": "forged", **values})
        with self.assertRaises(AccessError):
            leads.with_context(default_stage_id=self.won.id).create({"name": "forged"})

    def test_integration_user_completes_the_open_lead_it_matches(self):
        """Integration user: a new submission of the lead's person adds its message to the
        open lead; its salesperson, revenue and stage stay."""
        stage = self.lead.stage_id
        run_id = self.begin()
        results = self.push(run_id, [self.submission(42, email="roles-visitor@example.com")])
        self.assertEqual((results[0]["status"], results[0]["lead_id"]), ("updated", self.lead.id))
        self.assertIn("Please call me", str(self.lead.description))
        self.assertEqual(
            (self.lead.user_id, self.lead.expected_revenue, self.lead.stage_id),
            (self.salesperson, 1200, stage),
        )

    def test_salesperson_and_manager_still_move_their_leads(self):
        """Salesperson and sales manager of company A: set revenue, probability and stage
        of a lead (the integration user's guard is not theirs)."""
        self.as_(self.salesperson, self.lead).write({"expected_revenue": 1500, "probability": 40})
        self.as_(self.manager_a, self.lead).write({"stage_id": self.won.id})
        self.assertEqual((self.lead.expected_revenue, self.lead.stage_id), (1500, self.won))
