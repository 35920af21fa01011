from . import models


def post_init_hook(env):
    """Existing customers get their values, scores and tiers right after install: the
    recompute cron, woken now, queues every customer and works through them in batches,
    so the install itself does not wait for a large database."""
    env["crm.customer.value.queue"]._trigger_recompute()


def uninstall_hook(env):
    """Activities of this addon's types would keep its activity type from being deleted."""
    env["mail.activity"].search(
        [("activity_type_id", "=", env.ref("crm_customer_value.mail_activity_type_tier_drop").id)]
    ).unlink()
