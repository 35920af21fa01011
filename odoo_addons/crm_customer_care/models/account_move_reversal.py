from odoo import fields, models


class AccountMoveReversal(models.TransientModel):
    """Odoo's own reversal, told which complaint it compensates."""

    _inherit = "account.move.reversal"

    complaint_id = fields.Many2one("crm.complaint", readonly=True)

    def reverse_moves(self, is_modify=False):
        action = super().reverse_moves(is_modify=is_modify)
        for wizard in self.filtered("complaint_id"):
            refunds = wizard.new_move_ids.filtered(lambda move: move.move_type == "out_refund")
            wizard.complaint_id._link_credit_notes(refunds)
        return action
