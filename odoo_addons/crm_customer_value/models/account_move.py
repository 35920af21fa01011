from odoo import models

CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._queue_customer_values()
        return posted

    def button_draft(self):
        was_posted = self.filtered(lambda move: move.state == "posted")
        result = super().button_draft()
        was_posted._queue_customer_values()
        return result

    def _queue_customer_values(self):
        """Only queue the customers for the recompute cron: posting an invoice must not
        wait for, nor fail because of, customer values (no ranking, no tier check)."""
        invoices = self.filtered(lambda move: move.move_type in CUSTOMER_MOVE_TYPES)
        self.env["crm.customer.value.queue"]._enqueue(
            {(move.commercial_partner_id.id, move.company_id.id) for move in invoices}
        )
