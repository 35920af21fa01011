from . import models


def uninstall_hook(env):
    """Activities of this addon's types would keep its activity type from being deleted."""
    review_type = env.ref("crm_customer_profile.mail_activity_type_profile_review")
    env["mail.activity"].search([("activity_type_id", "=", review_type.id)]).unlink()
