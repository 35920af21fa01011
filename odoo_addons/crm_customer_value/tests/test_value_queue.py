from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_customer_value import post_init_hook
from odoo.addons.crm_customer_value.models import crm_customer_value_queue
from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerValueCase

CRON = "crm_customer_value.ir_cron_recompute_values"


@tagged("post_install", "-at_install")
class TestValueQueue(CustomerValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = mail_new_test_user(
            cls.env,
            login="value_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.env.ref(CRON).id)])

    def test_accountant_posts_an_invoice_without_any_tier(self):
        """Posting failed with "Define at least one value tier first" when no tier was
        active: accounting depended on CRM configuration. Now posting only queues the
        customer and wakes the cron; the values come without tiers and the settings say
        the tiers are missing."""
        self.env["crm.value.tier"].search([]).active = False
        customer = self.new_customer("No tiers")
        before = self._triggers()
        invoice = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": self.today,
                    "invoice_line_ids": [
                        Command.create({"name": "line", "price_unit": 1000, "tax_ids": []})
                    ],
                }
            )
        )
        invoice.with_user(self.accountant).action_post()
        self.assertEqual(invoice.state, "posted")
        queued = (
            self.env["crm.customer.value.queue"].sudo().search([("partner_id", "=", customer.id)])
        )
        self.assertEqual(queued.company_id, self.company)
        self.assertTrue(self._triggers() - before, "posting wakes the recompute cron")
        self.run_value_cron()
        value = self.value_of(customer)
        self.assertAlmostEqual(value.revenue, 1000.0)
        self.assertTrue(value.clv_amount)
        self.assertEqual((value.recency_days, value.frequency, value.frequency_score), (0, 1, 1))
        self.assertFalse(value.value_tier_id)
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.value_tiers_missing)
        self.env["crm.value.tier"].with_context(active_test=False).search([]).active = True
        self.assertFalse(self.env["res.config.settings"].create({}).value_tiers_missing)

    def test_posting_many_invoices_asks_the_cron_once(self):
        """A transaction posting many invoices queues each customer and wakes the cron
        once; posting does not rank anything."""
        customers = [self.new_customer(f"Bulk {i}") for i in range(3)]
        before = self._triggers()  # e.g. the install's, when no cron runs the tests' db
        for customer in customers:
            self.invoice(customer, 100)
        self.assertEqual(len(self._triggers() - before), 1)
        self.assertFalse(self.value_of(customers[0]), "nothing computed while posting")

    def test_cron_recomputes_one_batch_per_call(self):
        """The cron used to do everything in one transaction. Now each call does one
        batch, reports progress and returns, so Odoo commits between batches; the
        company's ranking comes with its last batch."""
        # Only this test's customers in the queue: a database with demo data has posted
        # invoices of its own, and the day's refresh is done.
        self.env["crm.customer.value.queue"].sudo().search([]).unlink()
        self.env["res.company"].sudo().search([]).value_refreshed_on = fields.Date.today()
        customers = [self.new_customer(f"Batch {i}") for i in range(5)]
        for index, customer in enumerate(customers):
            self.invoice(customer, (index + 1) * 100)
        with patch.object(crm_customer_value_queue, "BATCH_SIZE", 2):
            calls = self.run_value_cron()
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        tiers = [self.value_of(customer).value_tier_id for customer in customers]
        self.assertTrue(all(tiers))
        self.assertEqual(tiers[-1], self.tiers["platinum"])

    def test_existing_customers_get_values_after_install(self):
        """Values at install: the hook wakes the cron, whose first run queues every
        customer of every company; nobody has to press "Recompute now"."""
        customers = [self.new_customer(f"Existing {i}", customer_rank=1) for i in range(4)]
        for index, customer in enumerate(customers[:3]):
            self.invoice(customer, (index + 1) * 100)
        self.env["crm.customer.value"].sudo().search([]).unlink()
        self.env["crm.customer.value.queue"].sudo().search([]).unlink()
        self.env["res.company"].sudo().search([]).value_refreshed_on = False
        self._triggers().sudo().unlink()
        post_init_hook(self.env)
        self.assertTrue(self._triggers())
        self.run_value_cron()
        values = self.env["crm.customer.value"].search(
            [("partner_id", "in", [c.id for c in customers])]
        )
        self.assertEqual(len(values), 4)
        self.assertTrue(all(values.mapped("value_tier_id")))
        self.assertEqual(self.company.value_refreshed_on, self.today)
