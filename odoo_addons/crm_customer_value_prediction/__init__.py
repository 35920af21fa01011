from . import models


def post_init_hook(env):
    """Existing customers get their predictions without waiting for tomorrow: the value
    cron, woken now, recomputes every company's customers in batches (as at the value
    addon's install) and predicts each company when its batches are done."""
    env["res.company"].sudo().search([]).value_refreshed_on = False
    env["crm.customer.value.queue"]._trigger_recompute()


def uninstall_hook(env):
    """Activities of this addon's type would keep its activity type from being deleted."""
    activity_type = env.ref(
        "crm_customer_value_prediction.mail_activity_type_value_at_risk",
        raise_if_not_found=False,
    )
    if activity_type:
        env["mail.activity"].search([("activity_type_id", "=", activity_type.id)]).unlink()
