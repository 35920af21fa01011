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
