from odoo import fields, models


class CrmProfileCatalogue(models.AbstractModel):
    """An entry of a customer-profile catalogue: a named kind of customer and the advice
    for treating it. Behavioural styles and decision bases are both such catalogues."""

    _name = "crm.profile.catalogue"
    _description = "Customer Profile Catalogue Entry"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by imports and integrations.")
    advice = fields.Text(string="How to treat", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another entry already has this code."),
    ]
