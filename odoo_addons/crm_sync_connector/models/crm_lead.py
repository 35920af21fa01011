from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sync_source_id = fields.Many2one(
        "crm.sync.source", string="Synced From", readonly=True, index=True
    )
    sync_registered_by = fields.Char(
        string="Registered By",
        readonly=True,
        help="Who filled in the form or first registered the contact, as the source said.",
    )
