from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.complaint.registering.mixin"]

    def _complaint_domain(self):
        domain = [("lead_id", "=", self.id)]
        if self.partner_id:
            customer = self.partner_id.commercial_partner_id
            domain = ["|", *domain, ("commercial_partner_id", "=", customer.id)]
        return domain

    def _complaint_defaults(self):
        return {
            "lead_id": self.id,
            "partner_id": self.partner_id.id,
            "subject": self.name,
            "email_from": self.email_from,
            "company_id": self.company_id.id,
        }
