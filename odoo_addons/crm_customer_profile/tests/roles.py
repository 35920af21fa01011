"""The people who try the suite's doors, in two companies counting in two currencies.

Shared by the suite's access tests (issue 23): each test names the role that attempts
something and runs it as that user (`with_user`), never as the superuser. Company A counts
in US dollars, company B in Iranian rials; each has its own customers and its own sales
manager, so that a door open across companies shows.

Roles (attributes of the class):

- ``public``: Odoo's anonymous visitor (base.public_user);
- ``portal_a``, ``portal_b``: portal customers of company A (``customer_a``) and of
  company B (``customer_b``);
- ``internal``: a plain internal user, no sales or care rights;
- ``salesperson_own``: a salesperson of company A who sees only their own documents;
- ``salesperson_all``: a salesperson of company A who sees all documents;
- ``manager_a``, ``manager_b``: sales managers of company A and of company B;
- ``integration``: the sync worker's user, when crm_sync_connector is installed.
"""

from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user

SALESPERSON_OWN = "base.group_user,sales_team.group_sale_salesman"
SALESPERSON_ALL = "base.group_user,sales_team.group_sale_salesman_all_leads"
SALES_MANAGER = "base.group_user,sales_team.group_sale_manager"
INTEGRATION_GROUP = "crm_sync_connector.crm_sync_connector_group_integration"
# The suite's profile of a customer: how the company sees them, not what they see of it
# (internal fields, never read by the customer themself).
PARTNER_PROFILE_FIELDS = (
    "satisfaction_level",
    "satisfaction_date",
    "satisfaction_warning",
    "commercial_satisfaction_level",
    "satisfaction_entry_ids",
    "customer_style_id",
    "decision_basis_id",
    "treatment_advice",
    "customer_scope",
    "profile_reviewed_on",
    "profile_reviewed_by_id",
    "profile_review_start",
    "profile_review_due",
)


class SuiteRolesCase(TransactionCase):
    """Two companies (dollars and rials), a customer in each, and every role above."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_a = cls.env.company
        rial = cls.env.ref("base.IRR")
        rial.active = True
        cls.company_b = cls.env["res.company"].create(
            {"name": "Shiraz Carpets (B)", "currency_id": rial.id}
        )
        cls.customer_a = cls._customer("Persepolis Furniture (A)", cls.company_a)
        cls.customer_b = cls._customer("Tabriz Textiles (B)", cls.company_b)
        cls.public = cls.env.ref("base.public_user")
        cls.portal_a = cls._portal_user("roles_portal_a", cls.customer_a, cls.company_a)
        cls.portal_b = cls._portal_user("roles_portal_b", cls.customer_b, cls.company_b)
        cls.internal = cls._user("roles_internal", "base.group_user", cls.company_a)
        cls.salesperson_own = cls._user("roles_sales_own", SALESPERSON_OWN, cls.company_a)
        cls.salesperson_all = cls._user("roles_sales_all", SALESPERSON_ALL, cls.company_a)
        cls.manager_a = cls._user("roles_manager_a", SALES_MANAGER, cls.company_a)
        cls.manager_b = cls._user("roles_manager_b", SALES_MANAGER, cls.company_b)
        cls.integration = cls.env["res.users"]
        if cls.env.ref(INTEGRATION_GROUP, raise_if_not_found=False):
            cls.integration = cls._user(
                "roles_integration", f"base.group_user,{INTEGRATION_GROUP}", cls.company_a
            )

    @classmethod
    def _customer(cls, name, company):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "company_id": company.id,
                "email": f"{name.split()[0].lower()}@example.com",
            }
        )

    @classmethod
    def _user(cls, login, groups, company, **values):
        return new_test_user(
            cls.env,
            login=login,
            name=login.replace("_", " ").title(),
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            **values,
        )

    @classmethod
    def _portal_user(cls, login, customer, company):
        contact = cls.env["res.partner"].create(
            {
                "name": f"{login} contact",
                "parent_id": customer.id,
                "email": f"{login}@example.com",
                "company_id": company.id,
            }
        )
        return cls._user(login, "base.group_portal", company, partner_id=contact.id)
