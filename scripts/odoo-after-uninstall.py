# ruff: noqa: F821 - `env` is given by odoo-bin shell
# Run by scripts/test-odoo inside `odoo-bin shell` once our addons are uninstalled: Odoo's
# own features that our addons extend must still work. Prints "AFTER UNINSTALL: ok".
from odoo import Command

problems = []
if env["ir.module.module"].search([("name", "=", "sale_loyalty"), ("state", "=", "installed")]):
    program = env["loyalty.program"].create(
        {
            "name": "Smoke promotion",
            "program_type": "promotion",
            "trigger": "auto",
            "applies_on": "current",
            "rule_ids": [Command.create({"reward_point_mode": "order", "reward_point_amount": 1})],
            "reward_ids": [
                Command.create(
                    {"reward_type": "discount", "discount": 10, "discount_applicability": "order"}
                )
            ],
        }
    )
    product = env["product.product"].create({"name": "Smoke", "list_price": 100})
    partner = env["res.partner"].create({"name": "Smoke customer"})
    order = env["sale.order"].create(
        {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id})]}
    )
    order._update_programs_and_rewards()
    # Other programmes may still be active (only some addons uninstalled, their demo
    # programmes kept): look for this promotion's reward among every claimable one.
    claimable = order._get_claimable_rewards()
    coupon, rewards = next(
        ((c, r) for c, r in claimable.items() if program.reward_ids in r), (None, None)
    )
    if not rewards:
        problems.append("Odoo's promotion is not claimable")
    else:
        order._apply_program_reward(program.reward_ids, coupon)
        order.action_confirm()
        if not order.order_line.filtered("is_reward_line"):
            problems.append("Odoo's promotion gave no reward line")
if env["ir.module.module"].search([("name", "=", "crm"), ("state", "=", "installed")]):
    lead = env["crm.lead"].create({"name": "Smoke lead", "contact_name": "Smoke"})
    lead._handle_partner_assignment(create_missing=True)
    if not lead.partner_id:
        problems.append("CRM lead conversion failed")
env.cr.rollback()
print("AFTER UNINSTALL:", "; ".join(problems) or "ok")
