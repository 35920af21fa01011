from odoo import fields, models


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
