from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestLeaseAndRuns(SyncCase):
    def test_one_worker_at_a_time(self):
        self.begin("worker-1")
        other = self.Source.sync_begin("website", "rest_json", "worker-2")
        self.assertFalse(other["leased"])
        self.assertEqual(other["holder"], "worker-1")

    def test_expired_lease_is_taken_over_and_the_old_worker_stops(self):
        """A worker that died holding the lease does not block the source forever."""
        old_run = self.begin("worker-1")
        source = self.env["crm.sync.source"].search([("name", "=", "website")])
        source.lease_until = fields.Datetime.now() - timedelta(seconds=1)
        new_run = self.begin("worker-2")
        with self.assertRaises(UserError):
            self.push(old_run, [self.submission(1)], worker="worker-1")
        self.assertEqual(
            self.push(new_run, [self.submission(1)], worker="worker-2")[0]["status"], "created"
        )

    def test_end_releases_the_lease_and_keeps_the_cursor(self):
        run_id = self.begin("worker-1")
        self.push(run_id, [self.submission(1)], cursor="token-abc")
        self.assertTrue(self.Source.sync_end(run_id, "worker-1"))
        source = self.env["crm.sync.source"].search([("name", "=", "website")])
        self.assertFalse(source.lease_owner)
        session = self.Source.sync_begin("website", "rest_json", "worker-2")
        self.assertEqual(session["cursor"], "token-abc")
        self.assertEqual(self.env["crm.sync.run"].browse(run_id).state, "done")

    def test_failed_run_keeps_its_error(self):
        run_id = self.begin()
        self.Source.sync_end(run_id, "worker-1", error="ConnectionError: source down")
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.state, run.error), ("failed", "ConnectionError: source down"))

    def test_the_workers_warnings_are_kept_on_the_run(self):
        """A full page without a next cursor is not an error, but the operator must see it
        (issue 10, item 19)."""
        run_id = self.begin()
        warning = "page 3 was full (100 items) but had no next cursor"
        self.Source.sync_end(run_id, "worker-1", warnings=[warning])
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.state, run.note), ("done", warning))

    def test_archived_source_is_refused(self):
        self.env["crm.sync.source"].create({"name": "old", "kind": "file", "active": False})
        with self.assertRaises(UserError):
            self.Source.sync_begin("old", "file", "worker-1")

    def test_a_run_left_running_by_a_dead_worker_is_aborted_on_takeover(self):
        """The killed worker's run stayed "running" forever: the next worker closes it."""
        old_run_id = self.begin("worker-1")
        source = self.source()
        busy = self.Source.sync_begin("website", "rest_json", "worker-2")
        self.assertEqual(
            (busy["leased"], busy["holder"], busy["until"]),
            (False, "worker-1", fields.Datetime.to_string(source.lease_until)),
        )
        source.lease_until = fields.Datetime.now() - timedelta(seconds=1)
        new_run_id = self.begin("worker-2")
        old_run = self.env["crm.sync.run"].browse(old_run_id)
        self.assertEqual(old_run.state, "aborted")
        self.assertTrue(old_run.ended_at)
        self.assertIn("worker-1", old_run.error)
        self.assertIn("worker-2", old_run.error)
        self.assertEqual(self.env["crm.sync.run"].browse(new_run_id).state, "running")
        # the old worker coming back late does not turn its run into "done"
        self.assertFalse(self.Source.sync_end(old_run_id, "worker-1"))
        self.assertEqual(old_run.state, "aborted")
