from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.complaint.registering.mixin"]

    def _complaint_domain(self):
        return [("sale_order_id", "=", self.id)]

    def _complaint_defaults(self):
        invoices = self.invoice_ids.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        )
        return {
            "sale_order_id": self.id,
            "partner_id": self.partner_id.id,
            "invoice_id": invoices[:1].id,
            "lead_id": self.opportunity_id.id,
            "company_id": self.company_id.id,
        }
