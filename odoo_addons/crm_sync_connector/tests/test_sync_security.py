from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SyncCase

INTEGRATION = "base.group_user,crm_sync_connector.crm_sync_connector_group_integration"


@tagged("post_install", "-at_install")
class TestSyncSecurity(SyncCase):
    def test_integration_user_has_only_what_the_sync_needs(self):
        """It imports leads, but cannot delete sync records nor see configuration of users."""
        run_id = self.begin()
        self.push(run_id, [self.submission(1)])
        source = self.env["crm.sync.source"].with_user(self.integration).search([])
        with self.assertRaises(AccessError):
            source.unlink()
        with self.assertRaises(AccessError):
            self.env["crm.sync.run"].with_user(self.integration).browse(run_id).unlink()
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.integration).create({"name": "nope"})
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.integration).search([])

    def test_salespeople_do_not_see_the_sync(self):
        salesman = self.user_in(self.env.company, "base.group_user,sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            self.env["crm.sync.dead.letter"].with_user(salesman).search([])

    def test_sales_manager_replays_dead_letters(self):
        manager = self.user_in(self.env.company, "base.group_user,sales_team.group_sale_manager")
        run_id = self.begin()
        self.push(run_id, [], [{"external_id": "x", "payload": "{}", "reason": "bad"}])
        letter = (
            self.env["crm.sync.dead.letter"].with_user(manager).search([("external_id", "=", "x")])
        )
        letter.action_replay()
        self.assertEqual(letter.state, "to_replay")

    def test_sources_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Sync Co 2"})
        self.env["crm.sync.source"].create(
            {"name": "elsewhere", "kind": "file", "company_id": other.id}
        )
        self.assertFalse(self.Source.search([("name", "=", "elsewhere")]))
        worker_2 = self.user_in(other, INTEGRATION)
        session = (
            self.env["crm.sync.source"].with_user(worker_2).sync_begin("elsewhere", "file", "w2")
        )
        self.assertTrue(session["leased"])
        run_id = session["run_id"]
        results = (
            self.env["crm.sync.source"]
            .with_user(worker_2)
            .sync_push_leads(run_id, "w2", [self.submission(7)], [], None)
        )
        self.assertEqual(self.env["crm.lead"].browse(results[0]["lead_id"]).company_id, other)
