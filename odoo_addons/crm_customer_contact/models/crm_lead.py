from odoo import models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.next.contact.mixin"]

    def _schedule_next_contact(self, date, means, agreed):
        # The customer's form shows the same agreement: a seller opening the customer
        # sees when they are to be contacted next, whichever lead it was agreed on.
        activity = super()._schedule_next_contact(date, means, agreed)
        if self.partner_id:
            self.partner_id.write({"next_contact_date": date, "next_contact_means": means})
        return activity
