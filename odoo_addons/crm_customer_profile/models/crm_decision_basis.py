from odoo import fields, models


class CrmDecisionBasis(models.Model):
    """What a customer's decisions rest on (seed 000): reason, feeling or convention."""

    _name = "crm.decision.basis"
    _description = "Customer Decision Basis"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by imports and integrations.")
    advice = fields.Text(string="How to treat", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another decision basis already has this code."),
    ]
