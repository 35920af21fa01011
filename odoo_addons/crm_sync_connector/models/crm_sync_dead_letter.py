from odoo import api, fields, models


class CrmSyncDeadLetter(models.Model):
    """A pulled record that could not become an Odoo record, kept with its raw payload and
    the reason, until it is replayed after a fix or discarded by a person."""

    _name = "crm.sync.dead.letter"
    _description = "Sync Dead Letter"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "external_id"

    source_id = fields.Many2one("crm.sync.source", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="source_id.company_id", store=True)
    run_id = fields.Many2one("crm.sync.run", ondelete="set null")
    external_id = fields.Char(index=True)
    payload = fields.Text(required=True, help="The record as the source sent it.")
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("new", "To Fix"),
            ("to_replay", "To Replay"),
            ("replayed", "Replayed"),
            ("discarded", "Discarded"),
        ],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    attempts = fields.Integer(default=1)

    def action_replay(self):
        """Ask the worker to pull these again through validation (`crm-sync replay`, or its
        next run)."""
        self.filtered(lambda letter: letter.state in ("new", "discarded")).state = "to_replay"

    def action_discard(self):
        self.state = "discarded"

    @api.model
    def _keep_rejected(self, run, rejected):
        """Rejected records become dead letters of the run's source; a record read again,
        or replayed and failing again, goes back to its open letter with the new reason.

        Returns one "failed" result per rejected record."""
        source = run.source_id
        open_letters = self._open_letters(source, rejected)
        to_create = []
        for letter in rejected:
            existing = self.browse(letter.get("dead_letter_id") or []).exists().filtered(
                lambda found: found.source_id == source
            ) or open_letters.get(letter.get("external_id"))
            if existing:
                existing.write(
                    {
                        "reason": letter.get("reason") or "rejected",
                        "state": "new",
                        "attempts": existing.attempts + 1,
                        "run_id": run.id,
                    }
                )
            else:
                to_create.append(letter)
        self.create(
            [
                {
                    "source_id": source.id,
                    "run_id": run.id,
                    "external_id": letter.get("external_id") or False,
                    "payload": letter.get("payload") or "",
                    "reason": letter.get("reason") or "rejected",
                }
                for letter in to_create
            ]
        )
        return [
            {
                "_position": letter.get("_position", 10**9),
                "external_id": letter.get("external_id"),
                "status": "failed",
                "lead_id": False,
                "reason": letter.get("reason"),
            }
            for letter in rejected
        ]

    @api.model
    def _open_letters(self, source, rejected):
        external_ids = [r.get("external_id") for r in rejected if r.get("external_id")]
        if not external_ids:
            return {}
        letters = self.search(
            [
                ("source_id", "=", source.id),
                ("state", "in", ("new", "to_replay")),
                ("external_id", "in", external_ids),
            ]
        )
        return {letter.external_id: letter for letter in letters}

    @api.model
    def _settle_replayed(self, records):
        """Dead letters sent again by `crm-sync replay` are settled by the batch that
        stored them."""
        letter_ids = [r["dead_letter_id"] for r in records if r.get("dead_letter_id")]
        if letter_ids:
            self.browse(letter_ids).exists().write({"state": "replayed"})
