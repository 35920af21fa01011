from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiIndicators(KpiCase):
    """Every indicator on a small data set, computed by hand in the comments. Inventory
    is pretended absent (the returns need it; the delivery time falls back on invoices)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b, c = cls.cust_a, cls.cust_b, cls.cust_c
        # Sales: North confirms 1000 of its two quotations, South 300 of one, 200 without
        # a team: 1500 in 3 orders, 3 of 4 quotations won.
        cls.o1 = cls.order(a, cls.team_a, 10, when=cls.day(1))
        cls.order(a, cls.team_a, 5, state="draft", when=cls.day(2))
        cls.order(b, cls.team_b, 3, when=cls.day(3))
        cls.order(c, False, 2, when=cls.day(3))
        # Order 1 invoiced on day 6: 5 calendar days after its confirmation on day 1.
        invoice = cls.o1._create_invoices()
        invoice.invoice_date = cls.day(6).date()
        invoice.action_post()
        # Retention: Arya and Bahar bought 13 months ago; only Arya again (order 1's
        # invoice); Caspian buys for the first time.
        year_ago = (cls.day(5) - relativedelta(months=13)).date()
        cls.invoice(a, year_ago)
        cls.invoice(b, year_ago)
        cls.invoice(c, cls.day(8).date())
        # One refund, for South's customer, with no Inventory to count returned goods.
        cls.invoice(b, cls.day(9).date(), move_type="out_refund", team=cls.team_b)
        # Complaints: one over the weekend (Fri 14:00 to Mon 10:00 = 2 + 2 working hours),
        # one in a day (2 hours), one about staff, one about the price (neither kind).
        friday = cls.friday()
        cls.complaint(a, "product", cls.day(0, 14, friday), cls.day(3, 10, friday))
        cls.complaint(b, "service", cls.day(4, 9, friday), cls.day(4, 11, friday))
        cls.c3 = cls.complaint(a, "staff", cls.day(12))
        cls.complaint(c, "price", cls.day(12))
        # Satisfaction: each complaint made its customer dissatisfied; Arya is happy later.
        a.record_satisfaction("happy", date=cls.day(20))
        # Contacts: an email from Arya, one to Arya, a call to Bahar.
        message = cls.env["mail.message"]
        call = cls.env.ref("mail.mail_activity_data_call")
        message.create(
            [
                {
                    "model": "res.partner",
                    "res_id": a.id,
                    "message_type": "email",
                    "author_id": a.id,
                    "date": cls.day(3),
                    "body": "Question",
                },
                {
                    "model": "res.partner",
                    "res_id": a.id,
                    "message_type": "email",
                    "author_id": cls.manager.partner_id.id,
                    "date": cls.day(3),
                    "body": "Answer",
                },
                {
                    "model": "res.partner",
                    "res_id": b.id,
                    "message_type": "notification",
                    "mail_activity_type_id": call.id,
                    "date": cls.day(4),
                    "body": "Call done",
                },
            ]
        )
        # A mailing: opened by Arya, delivered to Bahar, bounced at Arya's other address.
        cls.env["mailing.trace"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "trace_type": "mail",
                    "trace_status": status,
                    "sent_datetime": cls.day(4),
                    "email": "x@example.com",
                }
                for partner, status in ((a, "open"), (b, "sent"), (a, "bounce"))
            ]
        )
        # Tiers: Arya Silver last month and up to Gold this month; Bahar new in Silver.
        tier = cls.env["crm.value.tier"]
        cls.gold = tier.create(
            {"name": "Gold", "code": "G", "sequence": 1, "company_id": cls.company.id}
        )
        cls.silver = tier.create(
            {"name": "Silver", "code": "S", "sequence": 2, "company_id": cls.company.id}
        )
        cls.env["crm.value.tier.history"].create(
            [
                {
                    "partner_id": a.id,
                    "company_id": cls.company.id,
                    "new_tier_id": cls.silver.id,
                    "direction": "new",
                    "clv_amount": 1000,
                    "date": cls.day(3, month=cls.m2),
                },
                {
                    "partner_id": a.id,
                    "company_id": cls.company.id,
                    "old_tier_id": cls.silver.id,
                    "new_tier_id": cls.gold.id,
                    "direction": "up",
                    "clv_amount": 5000,
                    "date": cls.day(5),
                },
                {
                    "partner_id": b.id,
                    "company_id": cls.company.id,
                    "new_tier_id": cls.silver.id,
                    "direction": "new",
                    "clv_amount": 800,
                    "date": cls.day(6),
                },
            ]
        )
        with patch.object(type(cls.Snapshot), "_has_inventory", lambda self: False):
            cls.Snapshot.refresh_snapshots(months=3, company_ids=cls.company.ids)

    def assertFigure(self, code, expected, team=False, breakdown=False, month=None):
        snapshot = self.figure(code, team, month, breakdown)
        self.assertEqual(len(snapshot), 1, f"{code} {team and team.name} {breakdown}")
        self.assertEqual(snapshot.state, "measured")
        self.assertAlmostEqual(snapshot.value, expected, places=2, msg=code)
        return snapshot

    def test_sales_rate(self):
        self.assertFigure("sales_amount", 1500)
        self.assertFigure("sales_count", 3)
        rate = self.assertFigure("quote_conversion", 75)
        self.assertEqual((rate.numerator, rate.denominator), (3, 4))

    def test_complaints_by_kind(self):
        self.assertFigure("complaints_product", 2)
        self.assertFigure("complaints_staff", 1)

    def test_time_to_resolve_in_working_hours(self):
        average = self.assertFigure("resolve_hours_avg", 3)
        self.assertEqual((average.numerator, average.denominator), (6, 2))
        self.assertFigure("resolve_hours_median", 3)

    def test_returns_need_inventory_refunds_counted(self):
        for code in ("returns_qty", "returns_pickings"):
            snapshot = self.figure(code)
            self.assertEqual(snapshot.state, "unavailable")
            self.assertEqual(snapshot.unavailable_reason, "Needs Inventory")
        self.assertFigure("refunds", 1)

    def test_order_to_invoice_without_inventory(self):
        self.assertFigure("delivery_days", 5)
        with patch.object(type(self.Snapshot), "_has_inventory", lambda self: False):
            names = self.Snapshot.with_context(lang="en_US")._kpi_indicator_names()
        self.assertEqual(names["delivery_days"], "Time from Order to Invoice")

    def test_contacts(self):
        self.assertFigure("contacts_total", 3)
        self.assertFigure("emails_in", 1)
        self.assertFigure("emails_out", 1)
        self.assertFigure("calls_meetings", 1)
        self.assertFigure("contacts_per_customer", 1.5)

    def test_marketing(self):
        self.assertFigure("mailings_sent", 2)
        self.assertFigure("mailing_response", 50)
        snapshot = self.figure("survey_invitations")
        if self.Snapshot._has_customer_feedback():
            self.assertEqual(snapshot.state, "measured")
        else:
            self.assertEqual(snapshot.unavailable_reason, "Needs Customer Feedback")
        if not self.Snapshot._has_sms_marketing():
            self.assertEqual(self.figure("sms_sent").unavailable_reason, "Needs SMS Marketing")

    def test_satisfaction(self):
        self.assertFigure("satisfaction", 1, breakdown="happy")
        self.assertFigure("satisfaction", 2, breakdown="dissatisfied")
        self.assertFalse(self.figure("satisfaction", breakdown="angry"))
        self.assertFigure("satisfied_share", 100 / 3)

    def test_value_pyramid(self):
        self.assertFigure("tier_customers", 1, breakdown=str(self.gold.id))
        self.assertFigure("tier_value", 5000, breakdown=str(self.gold.id))
        self.assertFigure("tier_customers", 1, breakdown=str(self.silver.id))
        self.assertFigure("tier_value", 800, breakdown=str(self.silver.id))
        self.assertFigure("tier_value", 1000, breakdown=str(self.silver.id), month=self.m2)
        self.assertFigure("tier_moves_up", 1)
        self.assertFigure("tier_moves_down", 0)
        self.assertFigure("tier_moves_in", 1, breakdown=str(self.gold.id))

    def test_snapshots_read_in_the_readers_language(self):
        """The snapshot list names indicators, satisfaction levels and tiers, not the
        codes and ids the SQL stores; in Persian for a Persian reader."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_customer_kpi", "crm_customer_profile"], ["fa_IR"]
        )
        english = self.Snapshot.with_context(lang="en_US")
        happy = english.browse(self.figure("satisfaction", breakdown="happy").id)
        gold = english.browse(self.figure("tier_customers", breakdown=str(self.gold.id)).id)
        self.assertEqual(happy.breakdown_name, "Happy")
        self.assertEqual(gold.breakdown_name, self.gold.name)
        self.assertEqual(self.figure("retention").breakdown_name, False)
        groups = english.read_group(
            [("company_id", "=", self.company.id), ("indicator", "=", "satisfaction")],
            ["value:sum"],
            ["indicator"],
        )
        self.assertEqual(groups[0]["indicator"], "satisfaction")
        labels = dict(english.fields_get(["indicator"])["indicator"]["selection"])
        self.assertEqual(labels["satisfaction"], "Customer Satisfaction")
        persian = happy.with_context(lang="fa_IR")
        self.assertEqual(happy.indicator_name, "Customer Satisfaction")
        self.assertEqual(persian.breakdown_name, "شاد")
        self.assertEqual(persian.indicator_name, "رضایت مشتری")
        persian_labels = dict(persian.fields_get(["indicator"])["indicator"]["selection"])
        self.assertEqual(persian_labels["satisfaction"], "رضایت مشتری")

    def test_retention(self):
        self.assertFigure("retention", 50)

    def test_two_teams_side_by_side(self):
        north, south = self.team_a, self.team_b
        expected = {
            "sales_amount": (1000, 300),
            "sales_count": (1, 1),
            "quote_conversion": (50, 100),
            "complaints_product": (1, 1),
            "complaints_staff": (1, 0),
            "resolve_hours_avg": (4, 2),
            "refunds": (0, 1),
            "contacts_total": (2, 1),
            "contacts_per_customer": (2, 1),
            "mailings_sent": (1, 1),
            "mailing_response": (100, 0),
            "retention": (100, 0),
            "tier_moves_up": (1, 0),
        }
        for code, (north_value, south_value) in expected.items():
            self.assertFigure(code, north_value, team=north)
            self.assertFigure(code, south_value, team=south)
        self.assertFigure("satisfaction", 1, team=north, breakdown="happy")
        self.assertFigure("satisfaction", 1, team=south, breakdown="dissatisfied")
        self.assertFigure("tier_customers", 1, team=south, breakdown=str(self.silver.id))

    def test_every_count_has_a_figure_or_a_reason(self):
        # rates and averages have no figure in a month without a denominator
        for indicator in self.Snapshot._kpi_indicators():
            if indicator["unit"] not in ("count", "amount"):
                continue
            snapshots = self.Snapshot.search(
                [
                    ("company_id", "=", self.company.id),
                    ("month", "=", self.m1),
                    ("indicator", "=", indicator["code"]),
                    ("team_id", "=", False),
                ]
            )
            self.assertTrue(snapshots, indicator["code"])
