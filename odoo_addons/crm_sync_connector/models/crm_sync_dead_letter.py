from odoo import fields, models


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
