from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import GlanceCase


@tagged("post_install", "-at_install")
class TestCustomerGlance(TransactionCase, GlanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpGlance()

    def glance(self, user, partner=None):
        Partner = self.env["res.partner"].with_user(user)
        return Partner.get_customer_glance((partner or self.contact).id)

    def test_salesperson_sees_the_whole_customer(self):
        """From a contact (the lead's, the order's) the summary is the company's."""
        glance = self.glance(self.salesman)
        self.assertEqual(glance["partner_id"], self.customer.id)
        self.assertEqual(glance["tier"]["name"], self.tier.name)
        self.assertEqual(glance["satisfaction"]["level"], "angry")
        self.assertEqual(glance["satisfaction"]["label"], "Angry")
        self.assertEqual(
            glance["satisfaction"]["date"],
            fields.Datetime.to_string(self.customer.satisfaction_date),
        )
        self.assertEqual(
            [(axis["axis"], axis["name"], axis["advice"]) for axis in glance["profile"]],
            [
                ("style", self.style.name, self.style.advice),
                ("basis", self.basis.name, self.basis.advice),
            ],
        )
        self.assertEqual(glance["loyalty"]["level"], "Glance Gold")
        self.assertEqual(glance["loyalty"]["discount"], 5)
        self.assertTrue(glance["loyalty"]["mention"])
        self.assertEqual(glance["last_contact"]["date"], fields.Datetime.to_string(self.call_date))
        self.assertEqual(glance["last_contact"]["means"], "Call")
        self.assertEqual(
            glance["next_contact"],
            {"date": fields.Date.to_string(self.customer.next_contact_date), "means": "Phone Call"},
        )

    def test_complaints_as_far_as_the_user_may_see_them(self):
        """The salesperson counts the complaint they handle, not their colleague's; the
        care manager counts both and the oldest is theirs."""
        mine = self.glance(self.salesman)["complaints"]
        self.assertEqual(mine, {"count": 1, "oldest_days": 6})
        everything = self.glance(self.env.user)["complaints"]
        self.assertEqual(everything, {"count": 2, "oldest_days": 20})
        self.other_complaint.stage_id = self.env["crm.complaint.stage"].search(
            [("is_resolved", "=", True)], limit=1
        )
        self.assertEqual(self.glance(self.env.user)["complaints"]["count"], 1)

    def test_a_user_without_sales_rights_sees_only_what_they_may(self):
        """No tier, no loyalty, no complaints (not even a count), and no AccessError."""
        glance = self.glance(self.employee)
        self.assertFalse(glance["tier"])
        self.assertFalse(glance["loyalty"])
        self.assertFalse(glance["complaints"])
        self.assertEqual(glance["satisfaction"]["level"], "angry")
        self.assertEqual(len(glance["profile"]), 2)
        self.assertEqual(
            glance["next_contact"]["date"], fields.Date.to_string(self.customer.next_contact_date)
        )

    def test_next_contact_falls_back_to_an_open_lead(self):
        self.customer.next_contact_date = False
        day = fields.Date.today() + timedelta(days=9)
        self.lead.write({"next_contact_date": day, "next_contact_means": "visit"})
        glance = self.glance(self.salesman)
        self.assertEqual(
            glance["next_contact"], {"date": fields.Date.to_string(day), "means": "Visit"}
        )
        # The employee may not read leads: nothing planned, rather than an error.
        self.assertFalse(self.glance(self.employee)["next_contact"])

    def test_a_message_from_the_customer_is_a_contact(self):
        later = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=1)
        message = self.lead.message_post(
            body="Please call me", author_id=self.contact.id, message_type="email"
        )
        message.date = later
        glance = self.glance(self.salesman)
        self.assertEqual(glance["last_contact"]["date"], fields.Datetime.to_string(later))
        self.assertEqual(glance["last_contact"]["means"], "Message from the customer")

    def test_nothing_for_a_partner_the_user_cannot_read(self):
        other_company = self.env["res.company"].create({"name": "Glance Other Co."})
        stranger = self.env["res.partner"].create(
            {"name": "Elsewhere", "company_id": other_company.id}
        )
        self.assertEqual(self.glance(self.salesman, stranger), {})

    def test_card_discount_column_only_without_the_discount_setting(self):
        """Odoo hides the discount column unless its setting is on; the suite adds a
        read-only one for the member level's discount, and only then."""
        self.assertEqual(self.order.loyalty_card_discount, 5)
        self.assertEqual(self.order.order_line.discount, 5)
        group = self.env.ref("sale.group_discount_per_so_line")
        self.salesman.groups_id -= group

        def discount_columns():
            view = self.env["sale.order"].with_user(self.salesman).get_view(view_type="form")
            arch = etree.fromstring(view["arch"])
            return arch.xpath("//field[@name='order_line']/list/field[@name='discount']")

        columns = discount_columns()
        self.assertEqual(len(columns), 1)
        self.assertEqual(columns[0].get("string"), "Card Disc.%")
        self.assertEqual(columns[0].get("column_invisible"), "not parent.loyalty_card_discount")
        self.salesman.groups_id += group
        self.env.registry.clear_cache("templates")
        columns = discount_columns()
        self.assertEqual(len(columns), 1)
        self.assertEqual(columns[0].get("string"), "Disc.%")
