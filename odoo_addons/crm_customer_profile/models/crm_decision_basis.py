from odoo import models


class CrmDecisionBasis(models.Model):
    """What a customer's decisions rest on (seed 000): reason, feeling or convention."""

    _name = "crm.decision.basis"
    _inherit = "crm.profile.catalogue"
    _description = "Customer Decision Basis"
