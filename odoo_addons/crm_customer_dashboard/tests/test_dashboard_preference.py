from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardPreference(DashboardCase):
    """Issue 26.12 (seed 001): a manager chooses and orders the indicators they see, kept
    per user; by default every indicator, in the KPI addon's order."""

    def test_each_manager_keeps_their_own_choice(self):
        self.snap(self.count_ind, MONTHS[2], 4)
        other = new_test_user(
            self.env,
            login="dash_other_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        default = self.data()
        plain = [c["code"] for c in default["cards"]]
        self.assertEqual(default["choice"]["chosen"], [])
        chosen = [plain[2], plain[0], "retention", "not_an_indicator", plain[0]]
        dashboard = self.env["crm.customer.dashboard"].with_user(self.manager)
        data = dashboard.set_dashboard_indicators(chosen, {})
        self.assertEqual([c["code"] for c in data["cards"]], [plain[2], plain[0]])
        self.assertEqual([c["code"] for c in data["customer_cards"]], ["retention"])
        self.assertEqual(data["choice"]["chosen"], [plain[2], plain[0], "retention"])
        self.assertEqual([c["code"] for c in self.data()["cards"]], [plain[2], plain[0]])
        # Another manager still sees every indicator, and cannot read the first's choice.
        self.assertEqual([c["code"] for c in self.data(user=other)["cards"]], plain)
        preferences = self.env["crm.customer.dashboard.preference"].with_user(other)
        self.assertFalse(preferences.search([]))
        # Back to all of them.
        data = dashboard.set_dashboard_indicators([], {})
        self.assertEqual([c["code"] for c in data["cards"]], plain)

    def test_salesperson_keeps_no_choice(self):
        with self.assertRaises(AccessError):
            self.env["crm.customer.dashboard"].with_user(self.salesman).set_dashboard_indicators(
                ["sales_count"], {}
            )
