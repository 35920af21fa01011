from odoo import api, fields, models


class CrmSyncRun(models.Model):
    """One run of the worker over one source: what it pulled and what became of it."""

    _name = "crm.sync.run"
    _description = "Sync Run"
    _order = "started_at desc, id desc"
    _rec_name = "source_id"

    source_id = fields.Many2one("crm.sync.source", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="source_id.company_id", store=True)
    worker = fields.Char(help="The worker that held the source's lease.")
    started_at = fields.Datetime(required=True, default=fields.Datetime.now)
    ended_at = fields.Datetime()
    state = fields.Selection(
        [
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("aborted", "Aborted"),
        ],
        default="running",
        required=True,
    )
    fetched_count = fields.Integer(string="Fetched")
    created_count = fields.Integer(string="Created")
    updated_count = fields.Integer(string="Updated")
    duplicate_count = fields.Integer(string="Duplicates")
    failed_count = fields.Integer(string="Failed")
    skipped_count = fields.Integer(
        string="Skipped", help="Emails ignored by the source's rules (auto-replies, internal...)."
    )
    error = fields.Text(
        help="Why the run failed, or why it was aborted (its worker stopped and another "
        "took the source over)."
    )
    note = fields.Text(
        string="Warnings",
        readonly=True,
        help="What the worker warned about during the run, e.g. a full page without a next "
        "cursor: the provider may hold more than was read.",
    )
    counts_add_up = fields.Boolean(compute="_compute_counts_add_up")

    @api.depends(
        "fetched_count",
        "created_count",
        "updated_count",
        "duplicate_count",
        "skipped_count",
        "failed_count",
    )
    def _compute_counts_add_up(self):
        """Every item fetched became exactly one of: created, updated, duplicate, skipped
        (emails the source's rules leave out) or failed (a dead letter)."""
        for run in self:
            run.counts_add_up = run.fetched_count == (
                run.created_count
                + run.updated_count
                + run.duplicate_count
                + run.skipped_count
                + run.failed_count
            )

    def _add_counts(self, counts):
        """Add a batch's outcome to the run in SQL: two workers' batches never lose one."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            """
            UPDATE crm_sync_run
               SET fetched_count = COALESCE(fetched_count, 0) + %(fetched)s,
                   created_count = COALESCE(created_count, 0) + %(created)s,
                   updated_count = COALESCE(updated_count, 0) + %(updated)s,
                   duplicate_count = COALESCE(duplicate_count, 0) + %(duplicate)s,
                   failed_count = COALESCE(failed_count, 0) + %(failed)s,
                   skipped_count = COALESCE(skipped_count, 0) + %(skipped)s
             WHERE id = %(id)s
            """,
            {"id": self.id, **counts},
        )
        self.invalidate_recordset()
