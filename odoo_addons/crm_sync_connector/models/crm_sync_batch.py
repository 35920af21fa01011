from datetime import timedelta

from odoo import api, fields, models

KEEP_DAYS_PARAMETER = "crm_sync_connector.batch_keep_days"
DEFAULT_KEEP_DAYS = 30


class CrmSyncBatch(models.Model):
    """The answer Odoo gave to one batch, under the key the worker named it with.

    When Odoo commits a batch but its answer is lost (a proxy drops it, the network
    breaks), the worker sends the same batch again under the same key: it gets this
    answer back, and nothing is imported, counted or moved twice."""

    _name = "crm.sync.batch"
    _description = "Sync Batch Outcome"
    _order = "id desc"
    _rec_name = "key"

    source_id = fields.Many2one("crm.sync.source", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="source_id.company_id", store=True)
    run_id = fields.Many2one("crm.sync.run", ondelete="set null")
    key = fields.Char(required=True)
    results = fields.Json()  # [] for a batch that only moved the cursor

    _sql_constraints = [
        (
            "source_key_unique",
            "unique(source_id, key)",
            "A batch key is used once per source.",
        ),
    ]

    @api.model
    def _stored_results(self, source, key):
        """The answer stored for this source's batch `key`, or None if it is new."""
        batch = self.search([("source_id", "=", source.id), ("key", "=", key)], limit=1)
        return (batch.results or []) if batch else None

    @api.model
    def _store_results(self, run, key, results):
        self.create(
            {"source_id": run.source_id.id, "run_id": run.id, "key": key, "results": results}
        )

    @api.autovacuum
    def _gc_old_batches(self):
        """A retry comes within minutes; after some days an outcome is only weight."""
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(KEEP_DAYS_PARAMETER, DEFAULT_KEEP_DAYS)
        )
        limit = fields.Datetime.now() - timedelta(days=days)
        self.sudo().search([("create_date", "<", limit)]).unlink()
