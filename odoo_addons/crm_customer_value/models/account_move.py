from odoo import models

CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._recompute_customer_values()
        return posted

    def button_draft(self):
        was_posted = self.filtered(lambda move: move.state == "posted")
        result = super().button_draft()
        was_posted._recompute_customer_values()
        return result

    def _recompute_customer_values(self):
        """Only the customers of these invoices and refunds are recomputed."""
        invoices = self.filtered(lambda move: move.move_type in CUSTOMER_MOVE_TYPES)
        values = self.env["crm.customer.value"].sudo()
        for company, moves in invoices.grouped("company_id").items():
            values._recompute_company(company, partner_ids=moves.commercial_partner_id.ids)
