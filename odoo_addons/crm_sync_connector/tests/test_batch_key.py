from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestBatchKey(SyncCase):
    """A batch retried after Odoo committed it but the answer was lost counts once
    (issue 10, item 10)."""

    def test_a_retried_batch_returns_its_first_outcome_and_adds_nothing(self):
        run_id = self.begin()
        records = [self.submission(n) for n in range(3)]
        rejected = [{"external_id": "form-9", "payload": "{}", "reason": "email: not valid"}]
        first = self.push(run_id, records, rejected, cursor="page:1", batch_key="k-1")
        # the next batch moved the cursor on before the retry of the first came back
        self.push(run_id, [self.submission(5)], cursor="page:2", batch_key="k-2")
        retry = self.push(run_id, records, rejected, cursor="page:1", batch_key="k-1")
        self.assertEqual(retry, first)
        self.assertEqual([r["status"] for r in retry], ["created"] * 3 + ["failed"])
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.fetched_count, run.created_count, run.failed_count), (5, 4, 1))
        self.assertTrue(run.counts_add_up)
        self.assertEqual(self.source().cursor, "page:2")
        self.assertEqual(
            self.env["crm.sync.dead.letter"].search([("external_id", "=", "form-9")]).attempts, 1
        )
        self.assertEqual(
            self.env["crm.lead"].search_count([("sync_source_id.name", "=", "website")]), 4
        )

    def test_a_keyed_batch_that_only_moves_the_cursor_is_stored_and_retried(self):
        """An empty page still moves the cursor; its key must not fail the store."""
        run_id = self.begin()
        self.assertEqual(self.push(run_id, [], cursor="page:7", batch_key="empty-1"), [])
        self.assertEqual(self.push(run_id, [], cursor="page:7", batch_key="empty-1"), [])
        self.assertEqual(self.source().cursor, "page:7")

    def test_new_leads_get_the_first_open_stage_of_the_sources_team(self):
        """The stage is found once per batch; it must be the one crm would have chosen."""
        run_id = self.begin()
        self.push(run_id, [self.submission(n) for n in range(3)], batch_key="stage-1")
        leads = self.env["crm.lead"].search([("sync_source_id.name", "=", "website")])
        expected = self.env["crm.lead"]._stage_find(
            team_id=self.source().lead_team_id.id, domain=[("fold", "=", False)]
        )
        self.assertEqual(leads.stage_id, expected)

    def test_without_a_key_a_batch_sent_twice_is_counted_as_duplicates(self):
        run_id = self.begin()
        self.push(run_id, [self.submission(1)])
        again = self.push(run_id, [self.submission(1)])
        self.assertEqual(again[0]["status"], "duplicate")
        run = self.env["crm.sync.run"].browse(run_id)
        self.assertEqual((run.fetched_count, run.duplicate_count), (2, 1))

    def test_keys_belong_to_their_source(self):
        run_id = self.begin()
        self.push(run_id, [self.submission(1)], batch_key="same")
        other_run = self.Source.sync_begin("shop", "rest_json", "worker-1")["run_id"]
        other = self.push(other_run, [self.submission(2)], batch_key="same")
        self.assertEqual(other[0]["external_id"], "form-2")
        self.assertEqual(other[0]["status"], "created")

    def test_old_batch_outcomes_are_cleaned_by_the_autovacuum(self):
        run_id = self.begin()
        self.push(run_id, [self.submission(1)], batch_key="old")
        self.push(run_id, [self.submission(2)], batch_key="recent")
        batches = self.env["crm.sync.batch"].search([("source_id", "=", self.source().id)])
        self.assertEqual(len(batches), 2)
        old = batches.filtered(lambda b: b.key == "old")
        self.env.cr.execute(
            "UPDATE crm_sync_batch SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=31), old.id],
        )
        self.env["crm.sync.batch"]._gc_old_batches()  # run daily by Odoo's autovacuum cron
        self.assertEqual(batches.exists().mapped("key"), ["recent"])
