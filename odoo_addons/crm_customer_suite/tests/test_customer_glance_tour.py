from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import GlanceCase

PERSIAN = "fa_IR"
# The modules whose records and selections the summary names (tiers, styles, bases,
# satisfaction levels, means of contact, activity types): their Persian is loaded, as a
# company that installed Persian has it, whatever the database was created with.
PERSIAN_MODULES = [
    "mail",
    "crm_customer_profile",
    "crm_customer_value",
    "crm_customer_contact",
    "crm_loyalty_program",
    "crm_customer_suite",
]


@tagged("post_install", "-at_install")
class TestCustomerGlanceTour(HttpCase, GlanceCase):
    """The summary as the salesperson reads it, in Persian, on the partner, the opportunity
    and the sale order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(PERSIAN)
        cls.env["ir.module.module"]._load_module_terms(PERSIAN_MODULES, [PERSIAN])
        cls.setUpGlance()
        cls.salesman.write({"lang": PERSIAN, "password": "glance_salesman"})
        cls.salesman.groups_id -= cls.env.ref("sale.group_discount_per_so_line")
        # Names the test itself made up are given their Persian, as a company would.
        cls.level.update_field_translations("name", {PERSIAN: "طلایی"})
        cls.program.update_field_translations("name", {PERSIAN: "کارت مشتری کلیدی"})
        cls.program.reward_ids.update_field_translations(
            "description", {PERSIAN: "تخفیف روی کل سفارش"}
        )

    def open_as_salesman(self, url, tour="crm_customer_glance_tour"):
        self.start_tour(url, tour, login="glance_salesman")

    def test_partner(self):
        self.open_as_salesman(f"/odoo/res.partner/{self.customer.id}")

    def test_opportunity(self):
        self.open_as_salesman(f"/odoo/crm.lead/{self.lead.id}")

    def test_sale_order(self):
        self.open_as_salesman(f"/odoo/sale.order/{self.order.id}", "crm_customer_glance_order_tour")

    def test_dates_in_the_readers_calendar(self):
        """The summary's dates were Gregorian beside Jalali chatter, and its relative
        times were pieced together ("0 days ago" for today, "days ago 6" right to left).
        Every date reads in the reader's calendar (Jalali in Persian, Gregorian in
        English) and every relative time is one translated phrase."""
        self.own_complaint.date_open = fields.Datetime.now()
        today = fields.Date.context_today(self.customer)
        self.customer.next_contact_date = today + timedelta(days=2)
        url = f"/odoo/res.partner/{self.customer.id}"
        self.open_as_salesman(url, "crm_customer_glance_dates_tour")
        self.env["res.lang"]._activate_lang("en_US")
        self.salesman.lang = "en_US"
        self.open_as_salesman(url, "crm_customer_glance_dates_tour")
