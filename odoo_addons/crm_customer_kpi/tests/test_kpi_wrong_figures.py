"""Issue 25, "Figures that are wrong today": each test below failed before its fix."""

from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KpiCase


def without_inventory(snapshot_model):
    return patch.object(type(snapshot_model), "_has_inventory", lambda self: False)


@tagged("post_install", "-at_install")
class TestKpiWrongFigures(KpiCase):
    """Every test makes its own records (rolled back after it) and refreshes."""

    def refresh_now(self):
        with without_inventory(self.Snapshot):
            self.Snapshot.refresh_snapshots(months=3, company_ids=self.company.ids, rebuild=True)

    def value(self, code, team=False, month=None, breakdown=False):
        snapshot = self.figure(code, team, month, breakdown)
        return snapshot.value if snapshot and snapshot.state == "measured" else None

    def drilldown(self, code, month=None, team=False, breakdown=False):
        with without_inventory(self.Snapshot):
            action = self.Snapshot.action_open_records(
                code, month or self.m1, self.company.id, team.id if team else False, breakdown
            )
        return (
            self.env[action["res_model"]].with_context(active_test=False).search(action["domain"])
        )

    # Item 1 ----------------------------------------------------------------------------------

    def test_order_to_invoice_in_calendar_days_of_the_company(self):
        """The time from order to invoice subtracted the confirmation instant in UTC from
        the invoice date read as UTC midnight (and floored at 0): 1.92 days stored for an
        order confirmed on the 2nd in New York (02:00 UTC on the 3rd) and invoiced on the
        5th, which is 3 calendar days of the company."""
        self.company.resource_calendar_id.tz = "America/New_York"
        order = self.order(self.cust_a, self.team_a, 1, when=self.day(2, hour=2))
        invoice = order._create_invoices()
        invoice.invoice_date = self.day(4).date()
        invoice.action_post()
        self.refresh_now()
        self.assertEqual(self.value("delivery_days"), 3.0)
        self.assertEqual(self.value("delivery_days", self.team_a), 3.0)
        self.assertEqual(self.drilldown("delivery_days"), order)

    # Item 2 ----------------------------------------------------------------------------------

    def test_failed_emails_are_not_sent(self):
        """An email from us whose mail failed, or a chatter message whose email to the
        customer failed, counted in Emails Sent and Contacts with Customers (only the
        type email_outgoing was checked)."""
        a = self.cust_a
        author = self.manager.partner_id.id
        sent = self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": a.id,
                "message_type": "email",
                "author_id": author,
                "date": self.day(3),
                "body": "Sent",
            }
        )
        failed_mail = self.env["mail.mail"].create(
            {
                "model": "res.partner",
                "res_id": a.id,
                "message_type": "email",
                "author_id": author,
                "date": self.day(3),
                "body_html": "Failed",
                "state": "exception",
            }
        )
        failed_note = self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": a.id,
                "message_type": "comment",
                "author_id": author,
                "date": self.day(4),
                "body": "Bounced",
            }
        )
        self.env["mail.notification"].create(
            {
                "mail_message_id": failed_note.id,
                "res_partner_id": a.id,
                "notification_type": "email",
                "notification_status": "bounce",
            }
        )
        self.assertTrue(failed_mail.mail_message_id)
        self.refresh_now()
        self.assertEqual(self.value("emails_out"), 1)
        self.assertEqual(self.value("contacts_total"), 1)
        self.assertEqual(self.value("emails_out", self.team_a), 1)
        self.assertEqual(self.drilldown("emails_out"), sent)

    # Item 3 ----------------------------------------------------------------------------------

    def test_traces_waiting_or_undated_are_not_delivered(self):
        """A trace waiting for its delivery report (pending) counted as delivered, and a
        trace without a sent date was dated by its creation."""
        a = self.cust_a
        traces = self.env["mailing.trace"]
        delivered = traces.create(
            {
                "model": "res.partner",
                "res_id": a.id,
                "trace_type": "mail",
                "trace_status": "sent",
                "sent_datetime": self.day(0, month=self.m0),
                "email": "a@example.com",
            }
        )
        traces.create(
            [
                {
                    "model": "res.partner",
                    "res_id": a.id,
                    "trace_type": "mail",
                    "trace_status": "sent",
                    "email": "a2@example.com",
                },
                {
                    "model": "res.partner",
                    "res_id": a.id,
                    "trace_type": "mail",
                    "trace_status": "pending",
                    "sent_datetime": self.day(0, month=self.m0),
                    "email": "a3@example.com",
                },
            ]
        )
        if self.Snapshot._has_sms_marketing():
            traces.create(
                [
                    {
                        "model": "res.partner",
                        "res_id": a.id,
                        "trace_type": "sms",
                        "trace_status": status,
                        "sent_datetime": self.day(0, month=self.m0),
                        "sms_number": "+15555550100",
                    }
                    for status in ("sent", "pending", "pending")
                ]
            )
        self.refresh_now()
        self.assertEqual(self.value("mailings_sent", month=self.m0), 1)
        self.assertEqual(self.drilldown("mailings_sent", month=self.m0), delivered)
        if self.Snapshot._has_sms_marketing():
            self.assertEqual(self.value("sms_sent", month=self.m0), 1)
            self.assertEqual(len(self.drilldown("sms_sent", month=self.m0)), 1)

    # Item 4 ----------------------------------------------------------------------------------

    def test_team_without_company_gets_its_zeros_and_reasons(self):
        """A sales team without a company got no row: its refunds showed blank instead of
        0, and "Needs Inventory" never showed for it."""
        team = self.env["crm.team"].create({"name": "Everywhere", "company_id": False})
        self.refresh_now()
        self.assertEqual(self.value("refunds", team), 0)
        self.assertEqual(self.value("sales_count", team), 0)
        returns = self.figure("returns_qty", team)
        self.assertEqual(returns.state, "unavailable")
        self.assertEqual(returns.unavailable_reason, "Needs Inventory")

    # Item 10 ---------------------------------------------------------------------------------

    def test_one_company_wide_target_per_indicator(self):
        """unique(indicator, company_id, team_id) let two company-wide targets exist
        (NULL team), and the card took whichever it found first."""
        Target = self.env["crm.kpi.target"]
        values = {"indicator": "sales_amount", "company_id": self.company.id, "target": 10}
        Target.create(values)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Target.create({**values, "target": 20})
            Target.flush_model()
        # a team's own target beside it stays allowed
        Target.create({**values, "team_id": self.team_a.id})

    # Item 6 ----------------------------------------------------------------------------------

    def test_quotations_won_counts_the_months_confirmations(self):
        """A quotation of the month won the next week never counted: the figure of its
        month froze before it was won. Now a month's figure is the share of its
        confirmations among the orders quoted or confirmed in it."""
        late_win = self.order(self.cust_a, self.team_a, 1, when=self.day(1))
        won_at = self.day(0, hour=1, month=self.m0)
        self.env.cr.execute(
            "UPDATE sale_order SET date_order = %s WHERE id = %s", [won_at, late_win.id]
        )
        late_win.invalidate_recordset()
        draft = self.order(self.cust_b, self.team_a, 1, state="draft", when=won_at)
        self.refresh_now()
        # last month: one quotation, no confirmation; this month: one of two
        self.assertEqual(self.value("quote_conversion"), 0)
        self.assertEqual(self.value("quote_conversion", month=self.m0), 50)
        self.assertEqual(self.value("quote_conversion", self.team_a, month=self.m0), 50)
        self.assertEqual(self.drilldown("quote_conversion", month=self.m0), late_win | draft)
        self.assertEqual(self.drilldown("quote_conversion"), late_win)

    # Item 7 ----------------------------------------------------------------------------------

    def test_satisfaction_lists_each_customers_last_level(self):
        """The satisfaction drill-down listed every entry of the month while the figure
        counts each customer's last one."""
        a = self.cust_a
        a.record_satisfaction("dissatisfied", date=self.day(3))
        happy = a.record_satisfaction("happy", date=self.day(20))
        self.refresh_now()
        self.assertIsNone(self.value("satisfaction", breakdown="dissatisfied"))
        self.assertFalse(self.drilldown("satisfaction", breakdown="dissatisfied"))
        self.assertEqual(self.drilldown("satisfaction", breakdown="happy"), happy)
        self.assertEqual(self.drilldown("satisfied_share"), happy)
        self.assertEqual(self.drilldown("satisfied_share", team=self.team_a), happy)
        self.assertFalse(self.drilldown("satisfied_share", team=self.team_b))

    def test_tiers_list_the_tier_at_the_months_end_per_team(self):
        """The tier drill-down listed today's tier and ignored the team, while the figure
        counts the tier at the month's end."""
        tier = self.env["crm.value.tier"]
        gold = tier.create(
            {"name": "Gold", "code": "G", "sequence": 1, "company_id": self.company.id}
        )
        silver = tier.create(
            {"name": "Silver", "code": "S", "sequence": 2, "company_id": self.company.id}
        )
        history = self.env["crm.value.tier.history"]
        silver_move = history.create(
            {
                "partner_id": self.cust_a.id,
                "company_id": self.company.id,
                "new_tier_id": silver.id,
                "direction": "new",
                "clv_amount": 1000,
                "date": self.day(3, month=self.m2),
            }
        )
        history.create(
            {
                "partner_id": self.cust_a.id,
                "company_id": self.company.id,
                "old_tier_id": silver.id,
                "new_tier_id": gold.id,
                "direction": "up",
                "clv_amount": 5000,
                "date": self.day(0, hour=1, month=self.m0),
            }
        )
        self.refresh_now()
        self.assertEqual(self.value("tier_customers", breakdown=str(silver.id)), 1)
        self.assertEqual(self.drilldown("tier_customers", breakdown=str(silver.id)), silver_move)
        self.assertEqual(
            self.drilldown("tier_value", team=self.team_a, breakdown=str(silver.id)), silver_move
        )
        self.assertFalse(
            self.drilldown("tier_customers", team=self.team_b, breakdown=str(silver.id))
        )
        self.assertFalse(self.drilldown("tier_customers", breakdown=str(gold.id)))

    def test_retention_lists_the_customers_it_counts(self):
        """The retention drill-down listed the month's invoices; the figure counts the
        customers who bought in the year before (and those of them who bought again)."""
        year_ago = (self.day(5) - relativedelta(months=13)).date()
        self.invoice(self.cust_a, year_ago)
        self.invoice(self.cust_b, year_ago)
        self.invoice(self.cust_a, self.day(5).date())
        self.invoice(self.cust_c, self.day(6).date())
        self.refresh_now()
        self.assertEqual(self.value("retention"), 50)
        self.assertEqual(self.drilldown("retention"), self.cust_a | self.cust_b)
        self.assertEqual(self.drilldown("retention", team=self.team_b), self.cust_b)

    # Item 13 ---------------------------------------------------------------------------------

    def test_snapshot_views_show_one_indicator_and_pool_rates(self):
        """The KPI Snapshots pivot added percentages in its totals and the graph stacked 29
        indicators of different units."""
        action = self.env.ref("crm_customer_kpi.crm_kpi_snapshot_action")
        self.assertIn("search_default_indicator", action.context)
        graph = self.env.ref("crm_customer_kpi.crm_kpi_snapshot_view_graph").arch
        self.assertNotIn('name="indicator"', graph)
        # Two months of a rate: 1 of 1 won, then 1 of 3: the period's rate is 2 of 4.
        self.order(self.cust_a, self.team_a, 1, when=self.day(1))
        when = self.day(0, hour=1, month=self.m0)
        self.order(self.cust_a, self.team_a, 1, when=when)
        self.order(self.cust_b, self.team_a, 1, state="draft", when=when)
        self.order(self.cust_b, self.team_a, 1, state="draft", when=when)
        self.refresh_now()
        domain = [
            ("company_id", "=", self.company.id),
            ("team_id", "=", False),
            ("month", "in", [self.m1, self.m0]),
        ]
        reader = self.Snapshot.with_user(self.manager)
        [group] = reader.read_group(
            [*domain, ("indicator", "=", "quote_conversion")], ["value:sum"], ["indicator"]
        )
        self.assertAlmostEqual(group["value"], 50)
        [counts] = reader.read_group(
            [*domain, ("indicator", "=", "sales_count")], ["value:sum"], ["indicator"]
        )
        self.assertEqual(counts["value"], 2)
        # indicators of different units are not added up
        mixed = reader.read_group(
            [*domain, ("indicator", "in", ["sales_count", "quote_conversion"])],
            ["value:sum"],
            ["month:month"],
        )
        self.assertTrue(mixed)
        self.assertFalse(any(group["value"] for group in mixed))
