import datetime

from odoo.tests import Form, tagged

from .common import JalaliCase


@tagged("post_install", "-at_install")
class TestKpiMonths(JalaliCase):
    def test_company_setting_switches_kpi_months(self):
        """Off, a KPI month is Gregorian; the setting makes it the Jalali month."""
        company = self.env.company
        day = datetime.date(2025, 11, 23)  # 2 Azar 1404
        as_seller = company.with_user(self.salesman_fa)
        self.assertEqual(as_seller._kpi_month_start(day), datetime.date(2025, 11, 1))
        self.assertEqual(as_seller._kpi_next_month_start(day), datetime.date(2025, 12, 1))

        settings = Form(self.env["res.config.settings"])
        settings.jalali_kpi_months = True
        settings.save().execute()

        self.assertTrue(company.jalali_kpi_months)
        as_seller.invalidate_recordset()
        self.assertEqual(as_seller._kpi_month_start(day), datetime.date(2025, 11, 22))
        self.assertEqual(as_seller._kpi_next_month_start(day), datetime.date(2025, 12, 22))
        # Esfand of a leap year ends on its 30th, the eve of Nowruz.
        esfand = datetime.date(2025, 3, 1)
        self.assertEqual(as_seller._kpi_next_month_start(esfand), datetime.date(2025, 3, 21))
