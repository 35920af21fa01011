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

    def test_kpi_month_label_names_the_month_that_is_counted(self):
        """A Persian reader sees a Jalali month's Jalali name, and a Gregorian month's
        Gregorian name (not the Jalali month its first day falls in)."""
        company = self.env.company.with_user(self.salesman_fa).with_context(lang="fa_IR")
        november = company._kpi_month_label(datetime.date(2025, 11, 1))
        self.assertNotIn("آبان", november)
        self.assertIn("2025", november)
        company.sudo().jalali_kpi_months = True
        self.assertEqual(company._kpi_month_label(datetime.date(2025, 11, 22)), "آذر 1404")
        english = company.with_user(self.salesman_en).with_context(lang="en_US")
        # 22 November to 21 December 2025 has no Gregorian name: Azar, transliterated.
        self.assertEqual(english._kpi_month_label(datetime.date(2025, 11, 22)), "Azar 1404")
        english.sudo().jalali_kpi_months = False
        self.assertEqual(english._kpi_month_label(datetime.date(2025, 11, 1)), "November 2025")

    def test_complaint_report_months_follow_the_company(self):
        """The complaint resolution report cuts each complaint's month in its own
        company's calendar: Jalali months for a company counting in them."""
        if "crm.complaint.resolution.report" not in self.env:
            self.skipTest("crm_customer_care is not installed in this database")
        jalali_co, gregorian_co = self.env["res.company"].create(
            [{"name": "Jalali Months Co"}, {"name": "Gregorian Co"}]
        )
        # Switched on in this transaction: the report's SQL must see it.
        jalali_co.jalali_kpi_months = True
        partner = self.env["res.partner"].create({"name": "Report Customer"})
        # 21 November 2025 is 30 Aban 1404; 22 November is 1 Azar.
        for company in jalali_co | gregorian_co:
            for day in ("2025-11-21 10:00:00", "2025-11-22 10:00:00", "2025-11-23 10:00:00"):
                self.env["crm.complaint"].create(
                    {
                        "subject": "Late delivery",
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "date_open": day,
                    }
                )
        report = self.env["crm.complaint.resolution.report"]

        def months(company):
            rows = report.search([("company_id", "=", company.id)])
            return sorted((str(row.month), row.complaint_count) for row in rows)

        self.assertEqual(months(jalali_co), [("2025-10-23", 1), ("2025-11-22", 2)])
        self.assertEqual(months(gregorian_co), [("2025-11-01", 3)])
