from odoo import fields, models

from .crm_complaint import INTERNAL


class CrmComplaint(models.Model):
    """Who reads the compensation of a complaint, and which company's documents it uses.

    The compensation fields are defined in crm_complaint_compensation.py; here only their
    access: they are employees' notes and documents (the customer's portal page does not show
    them), and a complaint's credit notes, replacement order and voucher are its company's.
    """

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    compensation_type = fields.Selection(groups=INTERNAL)
    compensation_amount = fields.Monetary(groups=INTERNAL)
    compensation_note = fields.Text(groups=INTERNAL)
    credit_note_ids = fields.Many2many(groups=INTERNAL, check_company=True)
    replacement_order_id = fields.Many2one(groups=INTERNAL, check_company=True)
    voucher_id = fields.Many2one(groups=INTERNAL, check_company=True)
    voucher_code = fields.Char(groups=INTERNAL)
    credit_note_count = fields.Integer(groups=INTERNAL)
