from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval


class CrmSegmentCoupon(models.TransientModel):
    """A preferential coupon for every customer of a segment: the segment is a saved
    mailing filter on contacts, the coupons come from Odoo's own loyalty generator."""

    _name = "crm.segment.coupon"
    _description = "Coupons for a Customer Segment"

    segment_id = fields.Many2one(
        "mailing.filter",
        required=True,
        domain="[('mailing_model_name', '=', 'res.partner')]",
    )
    program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        required=True,
        domain="[('program_type', 'in', ('coupons', 'gift_card'))]",
    )
    customer_count = fields.Integer(compute="_compute_customer_count", string="Customers")

    @api.depends("segment_id")
    def _compute_customer_count(self):
        for wizard in self:
            wizard.customer_count = len(wizard._segment_customers())

    def _segment_customers(self):
        self.ensure_one()
        if not self.segment_id:
            return self.env["res.partner"]
        domain = safe_eval(self.segment_id.mailing_domain or "[]")
        return self.env["res.partner"].search(domain)

    def action_open_generator(self):
        """Hand over to Odoo's coupon generator with the segment's customers chosen."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "loyalty.loyalty_generate_wizard_action"
        )
        action["context"] = {
            "active_id": self.program_id.id,
            "default_program_id": self.program_id.id,
            "default_mode": "selected",
            "default_customer_ids": self._segment_customers().ids,
        }
        return action
