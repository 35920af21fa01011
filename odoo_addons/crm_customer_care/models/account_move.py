from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "crm.complaint.registering.mixin"]

    def _complaint_domain(self):
        return [("invoice_id", "=", self.id)]

    def _complaint_defaults(self):
        orders = self.line_ids.sale_line_ids.order_id
        return {
            "invoice_id": self.id,
            "partner_id": self.partner_id.id,
            "sale_order_id": orders[:1].id,
            "company_id": self.company_id.id,
        }

    # A complaint's refund is what its posted credit notes say: the amount follows by its
    # compute; the complaint's chatter is told when one is posted or cancelled.

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._notify_complaints_of_credit_notes()
        return posted

    def button_cancel(self):
        result = super().button_cancel()
        self._notify_complaints_of_credit_notes()
        return result

    def _notify_complaints_of_credit_notes(self):
        refunds = self.filtered(lambda move: move.move_type == "out_refund")
        if not refunds:
            return
        complaints = (
            self.env["crm.complaint"].sudo().search([("credit_note_ids", "in", refunds.ids)])
        )
        complaints._post_credit_note_message(refunds)
