from odoo.tests import HttpCase, tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase, DashboardCase):
    def test_manager_opens_the_dashboard(self):
        """The first card is on target (green), the second off target (red); the pyramid
        and the satisfaction show; a click on the first figure opens its records."""
        cards = [i for i in self.indicators if not i["distribution"] and i["group"] != "customers"]
        first, second = cards[0], cards[1]
        self.manager.password = "dash_manager"
        for indicator, good in ((first, True), (second, False)):
            higher = indicator["higher_is_better"]
            value = 12 if higher == good else 3
            self.snap(indicator, MONTHS[2], value, numerator=value, denominator=1)
            self.target(indicator, good_side=True)
        for level, count in (("angry", 2), ("delighted", 4)):
            self.snap(self.sat_ind, MONTHS[2], count, breakdown=level)
        rate = next(i for i in self.indicators if i["code"] == "quote_conversion")
        self.snap(rate, MONTHS[2], 77.3, numerator=773, denominator=1000)
        tier = self.env["crm.value.tier"].search([], limit=1)
        self.snap(self.tier_ind, MONTHS[2], 6, breakdown=str(tier.id))
        self.start_tour(
            "/odoo/action-crm_customer_dashboard.crm_customer_dashboard_action",
            "crm_customer_dashboard_tour",
            login="dash_manager",
        )
