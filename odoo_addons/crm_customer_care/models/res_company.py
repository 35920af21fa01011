from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_voucher_program_id = fields.Many2one(
        "loyalty.program",
        string="Complaint Voucher Programme",
        domain=[("program_type", "in", ("coupons", "gift_card", "ewallet"))],
        help="Vouchers given to customers as compensation are coupons of this programme.",
    )
    complaint_followup_days = fields.Integer(
        string="Follow-up Call After (days)",
        default=3,
        help="Days after resolution when the customer is called to make sure the problem is "
        "solved.",
    )

    @api.constrains("complaint_voucher_program_id")
    def _check_complaint_voucher_program_company(self):
        for company in self:
            program_company = company.complaint_voucher_program_id.company_id
            if program_company and program_company != company:
                raise ValidationError(
                    self.env._(
                        "The complaint voucher programme of %(company)s must be one of its own "
                        "programmes.",
                        company=company.name,
                    )
                )
