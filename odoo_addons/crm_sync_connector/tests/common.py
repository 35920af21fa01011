from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user


class SyncCase(TransactionCase):
    """The worker's side of the conversation, as the integration user it logs in as: made
    as scripts/crm_setup.py and the README make it, without an email address (Odoo's test
    users get one unless told otherwise; the worker's does not)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integration = new_test_user(
            cls.env,
            login="crm_sync_worker",
            groups="base.group_user,crm_sync_connector.crm_sync_connector_group_integration",
            email=False,
        )
        cls.Source = cls.env["crm.sync.source"].with_user(cls.integration)

    def begin(self, worker="worker-1", name="website"):
        session = self.Source.sync_begin(name, "rest_json", worker)
        self.assertTrue(session["leased"])
        return session["run_id"]

    def push(self, run_id, records, rejected=(), cursor=None, worker="worker-1", **kwargs):
        return self.Source.sync_push_leads(
            run_id, worker, list(records), list(rejected), cursor, **kwargs
        )

    def source(self, name="website"):
        return self.env["crm.sync.source"].search([("name", "=", name)])

    @classmethod
    def integration_user_of(cls, companies, login):
        """A worker's user allowed in several companies, the first being its current one."""
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_user,crm_sync_connector.crm_sync_connector_group_integration",
            company_id=companies[0].id,
            company_ids=[Command.set(companies.ids)],
            email=False,
        )

    @staticmethod
    def submission(number, **values):
        return {
            "external_id": f"form-{number}",
            "name": f"Web form {number}",
            "contact_name": f"Visitor {number}",
            "email": f"visitor{number}@example.com",
            "phone": f"+98912000{number:04d}",
            "description": "<p>Please call me</p>",
            "registered_by": "website form",
            **values,
        }

    def user_in(self, company, groups):
        return new_test_user(
            self.env,
            login=f"user_{company.id}_{groups[-8:]}",
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
