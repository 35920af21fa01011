from odoo import fields, models


class CrmSyncBinding(models.Model):
    """An external record (source, external id) bound to the Odoo record it became.

    The unique constraint is what makes a record pulled twice land once."""

    _name = "crm.sync.binding"
    _description = "Sync Binding"
    _order = "id desc"

    source_id = fields.Many2one("crm.sync.source", required=True, ondelete="cascade", index=True)
    external_id = fields.Char(required=True)
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True)
    company_id = fields.Many2one(related="source_id.company_id", store=True)

    _sql_constraints = [
        (
            "source_external_unique",
            "unique(source_id, external_id)",
            "This external record is already bound.",
        ),
    ]
