import datetime

from odoo.tests import tagged

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiInventory(KpiCase):
    """The indicators that read Inventory (returned goods, order to delivery), on orders
    delivered and returned through Odoo's own delivery and return wizard, computed by
    hand in the comments. Moments the ORM stamps with "now" (confirmation, validation)
    are written afterwards, as a user correcting them would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inventory = cls.Snapshot._has_inventory()
        if not cls.inventory:
            return
        a, b, c = cls.cust_a, cls.cust_b, cls.cust_c
        m2_end = cls.m1 - datetime.timedelta(days=2)
        # North sells 10 to Arya on day 1 10:00, delivered on day 3 16:00: 2.25 days.
        cls.o_north = cls.order(a, cls.team_a, 10, when=cls.day(1, 10))
        delivery_north = cls.deliver(cls.o_north, cls.day(3, 16))
        # South sells 3 to Caspian (who has no salesperson, so no team of his own) on
        # day 2 09:00, delivered the same day 21:00: 0.5 days.
        cls.o_south = cls.order(c, cls.team_b, 3, when=cls.day(2, 9))
        delivery_south = cls.deliver(cls.o_south, cls.day(2, 21))
        # An order without a team for Bahar (South's customer), confirmed two days before
        # the month at 12:00 and delivered on its first day at 12:00: 2 days, counted in
        # the month of the delivery, for the company only.
        cls.o_none = cls.order(b, False, 2, when=cls.day(0, 12, month=m2_end))
        delivery_none = cls.deliver(cls.o_none, cls.day(0, 12))
        # The month before: North sells 5 on day 5 08:00, delivered day 6 20:00: 1.5 days.
        cls.o_before = cls.order(a, cls.team_a, 5, when=cls.day(5, 8, month=cls.m2))
        cls.deliver(cls.o_before, cls.day(6, 20, month=cls.m2))
        # Returns: Arya sends 4 of 10 back on day 10 and 2 more in the current month;
        # Caspian 1 of 3 on day 12 (South, the team of the order); Bahar 1 of 2 on day 14
        # (South, the team of the customer, as the order has none).
        cls.return_goods(delivery_north, 4, cls.day(10))
        cls.return_goods(delivery_north, 2, cls.day(0, 9, month=cls.m0))
        cls.return_goods(delivery_south, 1, cls.day(12))
        cls.return_goods(delivery_none, 1, cls.day(14))
        cls.Snapshot.refresh_snapshots(months=3, company_ids=cls.company.ids)

    def setUp(self):
        super().setUp()
        if not self.inventory:
            self.skipTest("needs Inventory")

    # Records ----------------------------------------------------------------------------

    @classmethod
    def validate(cls, picking, qty, when):
        """Validate `picking` with `qty` of its one move done, dated `when`."""
        picking.move_ids.write({"quantity": qty, "picked": True})
        picking.button_validate()
        assert picking.state == "done", picking.state
        picking.write({"date_done": when})
        picking.move_ids.write({"date": when})
        return picking

    @classmethod
    def deliver(cls, order, when):
        picking = order.picking_ids
        assert len(picking) == 1 and picking.picking_type_code == "outgoing", picking
        return cls.validate(picking, order.order_line.product_uom_qty, when)

    @classmethod
    def return_goods(cls, delivery, qty, when):
        """Return `qty` of `delivery` through Odoo's return wizard, as a user does."""
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(
                active_id=delivery.id, active_ids=delivery.ids, active_model="stock.picking"
            )
            .create({})
        )
        wizard.product_return_moves.quantity = qty
        action = wizard.action_create_returns()
        returned = cls.env["stock.picking"].browse(action["res_id"])
        return cls.validate(returned, qty, when)

    def assertFigure(self, code, expected, team=False, month=None):
        snapshot = self.figure(code, team, month)
        self.assertEqual(len(snapshot), 1, f"{code} {team and team.name} {month}")
        self.assertEqual(snapshot.state, "measured", code)
        self.assertAlmostEqual(snapshot.value, expected, places=4, msg=code)
        return snapshot

    # Returned goods ---------------------------------------------------------------------

    def test_returns_in_the_month(self):
        # 4 + 1 + 1 units in 3 return deliveries last month
        self.assertFigure("returns_qty", 6)
        self.assertFigure("returns_pickings", 3)

    def test_returns_per_team(self):
        self.assertFigure("returns_qty", 4, team=self.team_a)
        self.assertFigure("returns_pickings", 1, team=self.team_a)
        # Caspian's return by the order's team, Bahar's by the customer's team
        self.assertFigure("returns_qty", 2, team=self.team_b)
        self.assertFigure("returns_pickings", 2, team=self.team_b)

    def test_returns_per_month(self):
        # the second return of Arya's delivery falls in the current month only
        self.assertFigure("returns_qty", 2, month=self.m0)
        self.assertFigure("returns_pickings", 1, month=self.m0)
        self.assertFigure("returns_qty", 2, team=self.team_a, month=self.m0)
        self.assertFigure("returns_qty", 0, team=self.team_b, month=self.m0)
        # nothing came back the month before: a measured zero, not a missing figure
        self.assertFigure("returns_qty", 0, month=self.m2)
        self.assertFigure("returns_pickings", 0, month=self.m2)

    def test_returns_are_not_deliveries(self):
        # a return is an incoming picking: it neither counts as a delivery nor moves the
        # first delivery of its order
        self.assertEqual(self.o_north.picking_ids.mapped("picking_type_code").count("incoming"), 2)
        self.assertFigure("delivery_days", 2.25, team=self.team_a)

    # Order to delivery ------------------------------------------------------------------

    def test_order_to_delivery_in_the_month(self):
        # (2.25 + 0.5 + 2) days / 3 orders delivered last month
        average = self.assertFigure("delivery_days", 4.75 / 3)
        self.assertAlmostEqual(average.numerator, 4.75, places=4)
        self.assertEqual(average.denominator, 3)

    def test_order_to_delivery_is_named_so(self):
        names = self.Snapshot.with_context(lang="en_US")._kpi_indicator_names()
        self.assertEqual(names["delivery_days"], "Time from Order to Delivery")

    def test_order_to_delivery_per_team(self):
        self.assertFigure("delivery_days", 2.25, team=self.team_a)
        self.assertFigure("delivery_days", 0.5, team=self.team_b)

    def test_order_to_delivery_per_month(self):
        # the month before: North's one order, 1.5 days; the order confirmed then but
        # delivered last month counts last month only
        average = self.assertFigure("delivery_days", 1.5, month=self.m2)
        self.assertEqual(average.denominator, 1)
        self.assertFigure("delivery_days", 1.5, team=self.team_a, month=self.m2)
        self.assertFalse(self.figure("delivery_days", team=self.team_b, month=self.m2))
        # nothing delivered in the current month: an average with no figure
        self.assertFalse(self.figure("delivery_days", month=self.m0))

    # The records behind a figure ----------------------------------------------------------

    def records(self, code, team=False, month=None):
        action = self.Snapshot.action_open_records(
            code, month or self.m1, self.company.id, team.id if team else False
        )
        return self.env[action["res_model"]].search(action["domain"])

    def test_drill_down_lists_the_orders_delivered(self):
        # the orders the average is taken over: delivered in the month, whenever confirmed
        self.assertEqual(self.records("delivery_days"), self.o_north | self.o_south | self.o_none)
        self.assertEqual(self.records("delivery_days", month=self.m2), self.o_before)
        self.assertEqual(self.records("delivery_days", team=self.team_b), self.o_south)

    def test_drill_down_lists_the_team_returns(self):
        moves = self.records("returns_qty", team=self.team_b)
        self.assertEqual(moves.picking_id.sale_id, self.o_south | self.o_none)
        self.assertEqual(sum(moves.mapped("quantity")), 2)
        self.assertEqual(self.records("returns_pickings").picking_id.mapped("state"), ["done"] * 3)
