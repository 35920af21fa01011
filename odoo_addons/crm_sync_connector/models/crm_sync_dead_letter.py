from odoo import api, fields, models

from .crm_sync_dead_letter_reason import CODES, FSI, PDI


class CrmSyncDeadLetter(models.Model):
    """A pulled record that could not become an Odoo record, kept with its raw payload and
    the reason, until it is replayed after a fix or discarded by a person.

    The reason is kept as codes with parameters (`reasons`), which every reader reads in
    their own language (`reason_text`), beside its technical detail (`reason`: the
    worker's English, or Odoo's own message)."""

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
    reason = fields.Text(
        string="Technical Detail",
        required=True,
        help="The reason as the worker or Odoo worded it when the record was refused.",
    )
    reasons = fields.Json(
        string="Reason Codes", help='[{"code", "params"}]: what the reader\'s text is made of.'
    )
    reason_code = fields.Selection(
        CODES, string="Kind of Reason", index=True, help="The letter's first reason."
    )
    reason_text = fields.Text(
        string="Reason",
        compute="_compute_reason_text",
        help="Why the record was not imported, in your language.",
    )
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

    @api.depends("reasons", "reason")
    @api.depends_context("lang")
    def _compute_reason_text(self):
        reasons = self.env["crm.sync.dead.letter.reason"]
        for letter in self:
            codes = reasons._known(letter.reasons)
            # a text without codes (Odoo's message, an older letter) is isolated: English
            # inside a right-to-left page keeps its own order, its full stop at its end
            letter.reason_text = (codes and reasons._render(codes)) or (
                letter.reason and f"{FSI}{letter.reason}{PDI}"
            )

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
            letter.update(self._reason_values(letter))
            existing = self.browse(letter.get("dead_letter_id") or []).exists().filtered(
                lambda found: found.source_id == source
            ) or open_letters.get(letter.get("external_id"))
            if existing:
                existing.write(
                    {
                        "reason": letter["reason"],
                        "reasons": letter["reasons"],
                        "reason_code": letter["reason_code"],
                        "state": "new",
                        "attempts": existing.attempts + 1,
                        "run_id": run.id,
                    }
                )
            else:
                to_create.append(letter)
        # No "Dead Letter created" note: written once in the worker's language, it would
        # be English on a Persian screen, and the letter shows when it was received.
        self.with_context(mail_create_nolog=True).create(
            [
                {
                    "source_id": source.id,
                    "run_id": run.id,
                    "external_id": letter.get("external_id") or False,
                    "payload": letter.get("payload") or "",
                    "reason": letter["reason"],
                    "reasons": letter["reasons"],
                    "reason_code": letter["reason_code"],
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
    def _reason_values(self, letter):
        """The letter's reason as kept: codes this addon renders (from a worker that
        sends them, else recognised in its text) and the technical detail."""
        reasons = self.env["crm.sync.dead.letter.reason"]
        text = letter.get("reason") or "rejected"
        codes = reasons._known(letter.get("reasons")) or reasons._from_legacy_text(text)
        return {
            "reason": text,
            "reasons": codes or False,
            "reason_code": codes[0]["code"] if codes else False,
        }

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
