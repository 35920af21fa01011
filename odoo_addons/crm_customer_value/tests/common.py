from datetime import timedelta

from odoo import Command, fields

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.crm_customer_profile.tests.common import run_batched_cron
from odoo.addons.mail.tests.common import mail_new_test_user

# The value settings the tests read their figures off (see CustomerValueCase).
VALUE_SETTINGS = {
    "value_discount_rate": 10.0,
    "value_horizon_years": 3,
    "value_retention_rate": 100.0,
    "value_yearly_retention_cost": 0.0,
    "value_margin_source": "rate",
    "value_margin_rate": 50.0,
    "value_window_days": 365,
    "value_tier_method": "share",
}


class CustomerValueCase(AccountTestInvoicingCommon):
    """A company with known value settings and customers whose invoices we write by hand.

    Settings: 10 % discount rate, 3-year horizon, always retained, no cost of keeping,
    margin = 50 % of revenue, a 365-day window, tiers by share of customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        # Only the customers of these tests count in rankings and quintiles.
        cls.env["res.partner"].search([("customer_rank", ">", 0)]).customer_rank = 0
        cls.company.write(VALUE_SETTINGS)
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        # The tier news are written in the salesperson's language: these tests read
        # English, whatever language the database was created with.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.salesman = mail_new_test_user(
            cls.env,
            login="value_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            lang="en_US",
        )
        cls.sales_manager = mail_new_test_user(
            cls.env,
            login="value_manager",
            groups="base.group_user,sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        # The cron's daily refresh of every company is tested on its own (test_value_queue).
        cls.env["res.company"].search([]).value_refreshed_on = cls.today
        cls.tiers = {
            code: cls.env.ref(f"crm_customer_value.crm_value_tier_{code}")
            for code in ("platinum", "gold", "silver", "bronze", "lead")
        }

    @classmethod
    def setup_rial_company(cls, name, rials_per_dollar, rate_since):
        """A second company counting in Iranian rials, with the tests' value settings
        (tiers by thresholds) and the dollar at `rials_per_dollar` since `rate_since`."""
        rial = cls.env.ref("base.IRR")
        rial.active = True
        company = cls.setup_other_company(name=name, currency_id=rial.id)["company"]
        company.write(
            {**VALUE_SETTINGS, "value_tier_method": "threshold", "value_refreshed_on": cls.today}
        )
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.company.currency_id.id,
                "company_id": company.id,
                "name": rate_since,
                "rate": 1 / rials_per_dollar,
            }
        )
        return company

    @classmethod
    def new_customer(cls, name, **values):
        return cls.env["res.partner"].create({"name": name, **values})

    def invoice(
        self,
        partner,
        amount,
        days_ago=0,
        move_type="out_invoice",
        currency=None,
        product=None,
        quantity=1,
        company=None,
        post=True,
    ):
        company = company or self.company
        line = {
            "name": "line",
            "quantity": quantity,
            "price_unit": amount,
            "tax_ids": [Command.clear()],
        }
        if product:
            line["product_id"] = product.id
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": self.today - timedelta(days=days_ago),
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [Command.create(line)],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def value_of(self, partner, company=None):
        return self.env["crm.customer.value"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", (company or self.company).id)]
        )

    def recompute(self, company=None):
        return self.env["crm.customer.value"]._recompute_company(company or self.company)

    def run_value_cron(self):
        """What happens after a posting: the woken cron works through the queue."""
        return run_batched_cron(self.env, "crm_customer_value.ir_cron_recompute_values")
