from odoo import fields, models

from ..models.crm_satisfaction_entry import SATISFACTION_LEVELS, SATISFACTION_SOURCES


class CrmSatisfactionRecord(models.TransientModel):
    """Record satisfaction: a level, where it came from and a note, from the partner, the
    lead or the sale order. The entry goes to the commercial entity, whose level is the
    one every warning reads."""

    _name = "crm.satisfaction.record"
    _description = "Record Customer Satisfaction"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    level = fields.Selection(SATISFACTION_LEVELS, required=True)
    source = fields.Selection(SATISFACTION_SOURCES, required=True, default="manual")
    note = fields.Text(help="What did the customer say or do?")

    def action_record(self):
        self.ensure_one()
        self.commercial_partner_id.record_satisfaction(
            self.level, source=self.source, note=self.note or False
        )
        return {"type": "ir.actions.act_window_close"}
