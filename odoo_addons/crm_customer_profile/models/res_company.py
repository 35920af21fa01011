from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # A company's own partner and the contacts filed under it are internal customers; the
    # scope is computed from the companies when a partner changes, so a company created or
    # re-pointed later must tell its partners itself.

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.partner_id._recompute_customer_scope()
        return companies

    def write(self, vals):
        previous = self.partner_id if "partner_id" in vals else self.env["res.partner"]
        result = super().write(vals)
        if "partner_id" in vals:
            (previous | self.partner_id)._recompute_customer_scope()
        return result
