from . import models
from . import wizard


def post_init_hook(env):
    """The review clock starts at install, spread over the period: no profile is due on
    day one, and the first reviews come a few a day."""
    env["res.partner"]._start_profile_review_clock()


def uninstall_hook(env):
    """Activities of this addon's types would keep its activity type from being deleted."""
    review_type = env.ref("crm_customer_profile.mail_activity_type_profile_review")
    env["mail.activity"].search([("activity_type_id", "=", review_type.id)]).unlink()
