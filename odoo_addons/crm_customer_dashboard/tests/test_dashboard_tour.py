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


@tagged("post_install", "-at_install")
class TestDashboardManagerTours(HttpCase, DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.password = "dash_manager"
        codes = {ind["code"]: ind for ind in cls.indicators}
        cls.snap(codes["sales_count"], MONTHS[2], 4)
        cls.snap(codes["mailings_sent"], MONTHS[2], 9)
        tier = cls.env["crm.value.tier"].search([], limit=1)
        cls.snap(codes["tier_customers"], MONTHS[2], 6, breakdown=str(tier.id))

    def test_pyramid_tier_opens_its_customers(self):
        """Issue 26.9: a click on a tier's figure crashed the dashboard with "TypeError:
        v8 is not a function" (the template called String(), which OWL templates do not
        know)."""
        self.start_tour(
            "/odoo/action-crm_customer_dashboard.crm_customer_dashboard_action",
            "crm_customer_dashboard_pyramid_tour",
            login="dash_manager",
        )

    def test_cards_the_manager_cannot_open_say_so(self):
        """Issue 26.10: the Mailings, SMS and Survey cards opened lists a sales manager may
        not read (an access error after the click)."""
        self.start_tour(
            "/odoo/action-crm_customer_dashboard.crm_customer_dashboard_action",
            "crm_customer_dashboard_cards_access_tour",
            login="dash_manager",
        )

    def test_first_screen_of_a_laptop(self):
        """Issue 26.12: at 1366 x 768 the first screen held only the indicator cards; the
        pyramid started at the fold. The cards with their trend, the pyramid and the
        customer cards now fit the first screen."""
        self.browser_size = "1366x768"
        self.start_tour(
            "/odoo/action-crm_customer_dashboard.crm_customer_dashboard_action",
            "crm_customer_dashboard_layout_tour",
            login="dash_manager",
        )
