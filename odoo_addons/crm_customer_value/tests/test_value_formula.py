from odoo.tests import BaseCase, tagged

from odoo.addons.crm_customer_value.models.value_formula import annual_margin, lifetime_value
from odoo.addons.crm_customer_value.models.value_ranking import share_bounds


@tagged("post_install", "-at_install")
class TestValueFormula(BaseCase):
    """The lifetime-value function against numbers worked out by hand (see README.rst)."""

    def test_always_retained_customer(self):
        # 900 a year net for 3 years at 10 %: 900/1.1 + 900/1.21 + 900/1.331
        self.assertAlmostEqual(lifetime_value(1000, 100, 0.10, 3), 2238.17, places=2)

    def test_retention_probability_weighs_later_years(self):
        # 900/1.1 + 900*0.8/1.21 + 900*0.64/1.331
        self.assertAlmostEqual(lifetime_value(1000, 100, 0.10, 3, 0.8), 1845.98, places=2)

    def test_customer_without_margin_costs_money(self):
        self.assertAlmostEqual(lifetime_value(0, 100, 0.10, 3), -248.69, places=2)

    def test_negative_margin(self):
        self.assertAlmostEqual(lifetime_value(-300, 0, 0.0, 2), -600.0)

    def test_no_discount_no_horizon(self):
        self.assertEqual(lifetime_value(1000, 0, 0.0, 0), 0)
        self.assertEqual(lifetime_value(1000, 0, 0.0, 4), 4000)

    def test_annual_margin_counts_at_least_one_year(self):
        self.assertEqual(annual_margin(3000, 200), 3000)
        self.assertAlmostEqual(annual_margin(3000, 730.5), 1500)
        self.assertEqual(annual_margin(3000, None), 3000)

    def test_rates_out_of_range_are_refused(self):
        with self.assertRaises(ValueError):
            lifetime_value(1000, 0, -1.0, 3)
        with self.assertRaises(ValueError):
            lifetime_value(1000, 0, 0.1, 3, 1.5)

    def test_share_bounds(self):
        """Top 2/8/20/30/rest of 100 customers; of 7 customers every tier still gets one."""
        bounds = share_bounds
        self.assertEqual(bounds([2, 8, 20, 30, 40], 100), [2, 10, 30, 60, 100])
        self.assertEqual(bounds([2, 8, 20, 30, 40], 7), [1, 2, 3, 5, 7])
        self.assertEqual(bounds([2, 8, 20, 30, 40], 3), [1, 2, 3, 3, 3])
        self.assertEqual(bounds([0, 50, 50], 10), [0, 5, 10])
