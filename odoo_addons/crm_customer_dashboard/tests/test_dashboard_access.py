from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardAccess(DashboardCase):
    def test_salesperson_has_no_menu_and_no_figures(self):
        self.snap(self.count_ind, MONTHS[2], 4)
        menu = self.env.ref("crm_customer_dashboard.crm_customer_dashboard_menu_crm")
        menus = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, menus.with_user(self.salesman)._visible_menu_ids())
        self.assertIn(menu.id, menus.with_user(self.manager)._visible_menu_ids())
        with self.assertRaises(AccessError):
            self.data(user=self.salesman)
        with self.assertRaises(AccessError):
            self.env["crm.customer.dashboard"].with_user(self.salesman).open_records(
                {}, self.count_ind["code"]
            )

    def test_manager_reads_the_dashboard(self):
        self.snap(self.count_ind, MONTHS[2], 4)
        self.assertEqual(self.card(self.data(), self.count_ind["code"])["value"], 4)
