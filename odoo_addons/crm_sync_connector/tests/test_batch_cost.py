from odoo.tests import tagged

from .common import SyncCase


@tagged("post_install", "-at_install")
class TestBatchCost(SyncCase):
    """A batch costs the same number of queries whatever its size: every search is one
    per batch (bindings, partners, open leads, the stage, media and campaigns), and crm's
    per-lead work is only what its own create does for any lead."""

    def queries_for(self, run_id, first, count):
        records = [
            self.submission(first + n, medium="Newsletter", campaign="Spring offer")
            for n in range(count)
        ]
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        results = self.push(run_id, records)
        self.env.flush_all()
        self.assertEqual({r["status"] for r in results}, {"created"})
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_batch(self):
        run_id = self.begin()
        self.queries_for(run_id, 9000, 3)  # warm-up: media, campaign, caches
        small = self.queries_for(run_id, 1000, 5)
        large = self.queries_for(run_id, 2000, 40)
        self.assertLessEqual(large, small + 3, f"{small} queries for 5 leads, {large} for 40")

    def test_new_leads_get_the_open_stage_crm_would_give_them(self):
        run_id = self.begin()
        [result] = self.push(
            run_id, [self.submission(1, medium="Newsletter", campaign="Spring offer")]
        )
        self.assertEqual(result["status"], "created")
        lead = self.env["crm.lead"].browse(result["lead_id"])
        expected = lead._stage_find(domain=[("fold", "=", False)])
        self.assertEqual(lead.stage_id, expected)
        self.assertEqual(lead.medium_id.name, "Newsletter")
        self.assertEqual(lead.campaign_id.name, "Spring offer")
