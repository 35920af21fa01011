from . import models


def uninstall_hook(env):
    """Activities of this addon's types would keep its activity type from being deleted."""
    env["mail.activity"].search(
        [("activity_type_id", "=", env.ref("crm_customer_value.mail_activity_type_tier_drop").id)]
    ).unlink()
