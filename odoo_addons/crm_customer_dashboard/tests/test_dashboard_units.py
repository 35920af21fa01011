from odoo.tests import tagged

from .common import MONTHS, DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardPercentScale(DashboardCase):
    def test_percentage_of_two_companies_is_scaled_by_its_unit(self):
        """Issue 25.9: a rate combined from two companies' numerators and denominators was
        scaled by a factor guessed from a single company's snapshot; with none to learn
        from, a response rate of 35 % showed as 0.35."""
        self.manager.company_ids = [(4, self.company_2.id)]
        for company, num, den in ((self.company, 3, 10), (self.company_2, 4, 10)):
            self.snap(
                self.rate_ind,
                MONTHS[2],
                100.0 * num / den,
                company=company,
                numerator=num,
                denominator=den,
            )
        dashboard = (
            self.env["crm.customer.dashboard"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, self.company_2.id])
        )
        card = self.card(dashboard.get_dashboard_data({}), self.rate_ind["code"])
        self.assertEqual(self.rate_ind["unit"], "percent")
        self.assertAlmostEqual(card["value"], 35.0)
