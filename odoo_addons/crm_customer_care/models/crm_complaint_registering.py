from odoo import fields, models

USER = "crm_customer_care.crm_customer_care_group_user"


class CrmComplaintRegistering(models.AbstractModel):
    """What every document a customer can complain about shares: a "Register complaint"
    button pre-filled from it, and the count of its open complaints."""

    _name = "crm.complaint.registering.mixin"
    _description = "Documents Complaints Are Registered From"

    open_complaint_count = fields.Integer(
        string="Open Complaints", compute="_compute_open_complaint_count", groups=USER
    )

    def _complaint_domain(self):
        """The complaints that concern this document."""
        raise NotImplementedError

    def _complaint_defaults(self):
        """The values a complaint registered from this document starts with."""
        raise NotImplementedError

    def _compute_open_complaint_count(self):
        Complaint = self.env["crm.complaint"]
        for record in self:
            if not record.id:
                record.open_complaint_count = 0
                continue
            domain = [*record._complaint_domain(), ("is_resolved", "=", False)]
            record.open_complaint_count = Complaint.search_count(domain)

    def action_register_complaint(self):
        self.ensure_one()
        return self.env["crm.complaint"]._action_register(self._complaint_defaults())

    def action_view_open_complaints(self):
        self.ensure_one()
        domain = [*self._complaint_domain(), ("is_resolved", "=", False)]
        return self.env["crm.complaint"]._action_open_for(domain, self._complaint_defaults())
