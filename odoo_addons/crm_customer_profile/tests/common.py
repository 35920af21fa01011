from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


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
