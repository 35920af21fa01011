import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class KpiCase(TransactionCase):
    """A small company of its own (no demo record counts in it) with a chart of accounts,
    two sales teams (North, South), three customers (one without a team) and a
    Monday-to-Friday 8-16 UTC calendar for its complaint team. The hand-made records
    all fall in the last completed month (`m1`), so that the figures can be read off
    the records below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Snapshot = cls.env["crm.kpi.snapshot"]
        cls.company = cls.env["res.company"].create({"name": "KPI Test Co"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.Snapshot = cls.env["crm.kpi.snapshot"]
        # The company's today, as the refresh reads it (its time zone, not the user's).
        today = cls.Snapshot._kpi_today(cls.company)
        cls.m0 = cls.company._kpi_month_start(today)
        cls.m1 = cls.company._kpi_month_start(cls.m0 - datetime.timedelta(days=1))
        cls.m2 = cls.company._kpi_month_start(cls.m1 - datetime.timedelta(days=1))
        # A customer's team is the team of their salesperson (Odoo's default for orders).
        cls.rep_a, cls.rep_b = (
            new_test_user(
                cls.env,
                login=login,
                groups="base.group_user,sales_team.group_sale_salesman",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            for login in ("kpi_rep_north", "kpi_rep_south")
        )
        cls.team_a = cls.env["crm.team"].create(
            {
                "name": "North",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.rep_a.ids)],
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {
                "name": "South",
                "company_id": cls.company.id,
                "member_ids": [Command.set(cls.rep_b.ids)],
            }
        )
        partner = cls.env["res.partner"]
        cls.cust_a, cls.cust_b, cls.cust_c = partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "company_id": cls.company.id,
                    "user_id": rep.id,
                    "customer_rank": 1,
                }
                for name, rep in (
                    ("Arya Tiles", cls.rep_a),
                    ("Bahar Glass", cls.rep_b),
                    ("Caspian Steel", cls.env["res.users"]),
                )
            ]
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tile box",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
                "company_id": cls.company.id,
            }
        )
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "KPI week (UTC)",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 16}
                    )
                    for day in range(5)
                ],
            }
        )
        cls.care_team = cls.env["crm.complaint.team"].create(
            {"name": "KPI Care", "company_id": cls.company.id, "resource_calendar_id": calendar.id}
        )
        cls.manager = new_test_user(
            cls.env,
            login="kpi_manager",
            groups="base.group_user,sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.salesman = new_test_user(
            cls.env,
            login="kpi_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    # Days of the last completed month ------------------------------------------------

    @classmethod
    def day(cls, offset, hour=10, month=None):
        start = month or cls.m1
        return datetime.datetime.combine(start, datetime.time(hour)) + datetime.timedelta(
            days=offset
        )

    @classmethod
    def friday(cls):
        """The first Friday after the month's first day: its Monday and Tuesday are still
        in the month."""
        first = cls.m1 + datetime.timedelta(days=1)
        return first + datetime.timedelta(days=(4 - first.weekday()) % 7)

    # Records ----------------------------------------------------------------------------

    @classmethod
    def order(cls, partner, team, qty, state="sale", when=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": qty,
                            "price_unit": 100.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if state == "sale":
            order.action_confirm()
        when = when or cls.day(1)
        order.flush_recordset()
        # the month a quotation was made in and the one it was confirmed in
        cls.env.cr.execute(
            "UPDATE sale_order SET team_id = %s, create_date = %s, date_order = %s WHERE id = %s",
            [team.id if team else None, when, when, order.id],
        )
        order.invalidate_recordset()
        return order

    @classmethod
    def invoice(cls, partner, day, move_type="out_invoice", team=None):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "invoice_date": day,
                "team_id": team.id if team else False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": 100.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def complaint(cls, partner, category, opened, resolved=None):
        complaint = cls.env["crm.complaint"].create(
            {
                "subject": f"{category} complaint",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "team_id": cls.care_team.id,
                "category": category,
                "date_open": opened,
            }
        )
        if resolved:
            complaint.date_resolved = resolved
        return complaint

    def refresh(self, **kw):
        return self.Snapshot.refresh_snapshots(months=3, company_ids=self.company.ids, **kw)

    def figure(self, code, team=False, month=None, breakdown=False):
        """The stored value, or None when no figure was stored."""
        snapshot = self.Snapshot.search(
            [
                ("company_id", "=", self.company.id),
                ("month", "=", month or self.m1),
                ("team_id", "=", team.id if team else False),
                ("indicator", "=", code),
                ("breakdown", "=", breakdown or False),
            ]
        )
        self.assertLessEqual(len(snapshot), 1)
        return snapshot
