from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.complaint.registering.mixin"]

    def _complaint_domain(self):
        return [("commercial_partner_id", "=", self.commercial_partner_id.id)]

    def _complaint_defaults(self):
        return {"partner_id": self.id}
