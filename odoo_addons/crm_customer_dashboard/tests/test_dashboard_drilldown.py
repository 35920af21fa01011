from lxml import etree

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDrilldownMatchesCard(TransactionCase):
    """A manager clicking a figure sees a list whose total is that figure: the card of
    confirmed sales counts untaxed amounts, so its list sums untaxed amounts too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="dash_drill_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        tax = cls.env["account.tax"].create(
            {"name": "Drill 15%", "amount": 15.0, "type_tax_use": "sale"}
        )
        product = cls.env["product.product"].create(
            {"name": "Drill widget", "list_price": 100.0, "taxes_id": [(6, 0, tax.ids)]}
        )
        partner = cls.env["res.partner"].create({"name": "Drill customer"})
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 3})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now()
        # Contacts with the customer this month: an email in from them, one out to them,
        # and an internal note (not a contact, so counted nowhere).
        partner.message_post(body="Where is my order?", message_type="email", author_id=partner.id)
        partner.message_post(
            body="On its way.",
            message_type="email_outgoing",
            author_id=cls.env.ref("base.user_admin").partner_id.id,
        )
        partner.message_post(body="Called the warehouse.", message_type="comment")
        cls.env["crm.kpi.snapshot"].refresh_snapshots(months=1)
        cls.dashboard = cls.env["crm.customer.dashboard"].with_user(cls.manager)
        cls.data = cls.dashboard.get_dashboard_data({})

    def card(self, code):
        return next(c for c in self.data["cards"] if c["code"] == code)

    def list_totals(self, action):
        """The sums shown under the list the action opens: its visible summed columns."""
        model = self.env[action["res_model"]].with_user(self.manager)
        view_id = next(view for view, kind in action["views"] if kind == "list")
        arch = model.get_views([(view_id, "list")])["views"]["list"]["arch"]
        summed = [
            node.get("name")
            for node in etree.fromstring(arch).iter("field")
            if node.get("sum")
            and node.get("optional") != "hide"
            and node.get("column_invisible") not in ("1", "True")
        ]
        records = model.search(action["domain"])
        return {name: sum(records.mapped(name)) for name in summed}, len(records)

    def test_confirmed_sales_list_sums_the_card(self):
        card = self.card("sales_amount")
        self.assertTrue(card["value"], "the confirmed order is counted")
        totals, _count = self.list_totals(self.dashboard.open_records({}, "sales_amount"))
        self.assertEqual(list(totals), ["amount_untaxed"], "one total: the card's measure")
        self.assertAlmostEqual(totals["amount_untaxed"], card["value"], places=2)
        self.assertEqual(card.get("basis"), "untaxed", "the card says what it counts")

    def test_confirmed_orders_list_counts_the_card(self):
        card = self.card("sales_count")
        _totals, count = self.list_totals(self.dashboard.open_records({}, "sales_count"))
        self.assertEqual(count, card["value"])

    def test_contact_lists_count_the_cards(self):
        """Emails in, out and all contacts: the list holds the messages the card counts
        (not every note on a customer's record)."""
        for code in ("contacts_total", "emails_in", "emails_out"):
            card = self.card(code)
            self.assertTrue(card["value"], f"{code}: the month's emails are counted")
            _totals, count = self.list_totals(self.dashboard.open_records({}, code))
            self.assertEqual(count, card["value"], code)
