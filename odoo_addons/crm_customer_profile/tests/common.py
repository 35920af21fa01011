from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


def run_batched_cron(env, xmlid, max_calls=100):
    """Run a cron the way Odoo 18's runner does: call its action with a progress record,
    again while the action reports work remaining. Returns the progress of each call as
    (done, remaining)."""
    cron = env.ref(xmlid)
    cron = cron.with_user(cron.user_id)  # as the runner does, not as the test's user
    calls = []
    while len(calls) < max_calls:
        job, progress = cron._add_progress()
        job.ir_actions_server_id.with_context(**job.env.context).run()
        calls.append((progress.done, progress.remaining))
        if not progress.remaining:
            break
    return calls


class CustomerProfileCase(TransactionCase):
    """A salesperson, a sales manager and a customer, as the addon's users meet them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = mail_new_test_user(
            cls.env,
            login="profile_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Profile Salesman",
        )
        cls.sales_manager = mail_new_test_user(
            cls.env,
            login="profile_manager",
            groups="base.group_user,sales_team.group_sale_manager",
            name="Profile Manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Parisa Customer", "email": "parisa@example.com"}
        )
        cls.style_skeptical = cls.env.ref("crm_customer_profile.crm_customer_style_skeptical")
        cls.style_bargain = cls.env.ref("crm_customer_profile.crm_customer_style_bargain_hunter")
        cls.basis_rational = cls.env.ref("crm_customer_profile.crm_decision_basis_rational")
        cls.basis_conventional = cls.env.ref("crm_customer_profile.crm_decision_basis_conventional")
