from . import models


def uninstall_hook(env):
    """The programmes of this addon's demo data go with it, and so do the cards customers
    earned in them: Odoo makes those cards when an order is confirmed, so they are nobody's
    module data, and a card keeps its programme from being deleted."""
    demo_programs = env["ir.model.data"].search(
        [("module", "=", "crm_loyalty_program"), ("model", "=", "loyalty.program")]
    )
    env["loyalty.card"].with_context(active_test=False).search(
        [("program_id", "in", demo_programs.mapped("res_id"))]
    ).unlink()
