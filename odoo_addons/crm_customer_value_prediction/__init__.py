from . import models


def uninstall_hook(env):
    """Activities of this addon's type would keep its activity type from being deleted."""
    activity_type = env.ref(
        "crm_customer_value_prediction.mail_activity_type_value_at_risk",
        raise_if_not_found=False,
    )
    if activity_type:
        env["mail.activity"].search([("activity_type_id", "=", activity_type.id)]).unlink()
