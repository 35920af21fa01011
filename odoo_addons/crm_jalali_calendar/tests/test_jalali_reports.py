from lxml import etree

from odoo.tests import tagged

from .common import JalaliCase

BODY = (
    '<p>Due <t t-out="format_date(object.date_deadline)"/>, '
    "closed <t t-out=\"format_datetime(object.date_closed, tz='Asia/Tehran')\"/></p>"
)
QWEB_ARCH = """<t t-name="crm_jalali_calendar.test_dates">
<span id="date" t-field="lead.date_deadline"/>
<span id="datetime" t-field="lead.date_closed"/>
<span id="widget" t-out="lead.date_deadline" t-options="{'widget': 'date'}"/>
<span id="month" t-out="lead.date_deadline" t-options="{'widget': 'date', 'format': 'MMMM y'}"/>
</t>"""


@tagged("post_install", "-at_install")
class TestJalaliReports(JalaliCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.view = cls.env["ir.ui.view"].create(
            {"name": "jalali dates", "type": "qweb", "arch_db": QWEB_ARCH}
        )

    def _render_as(self, user):
        """Text of each span of the template rendered for ``user``, by id."""
        qweb = self.env["ir.qweb"].with_user(user).with_context(lang=user.lang, tz=user.tz)
        html = qweb._render(self.view.id, {"lead": self.lead.with_user(user)})
        root = etree.fromstring(f"<div>{html}</div>")
        return {span.get("id"): span.text for span in root.iter("span")}

    def test_report_dates_in_jalali_for_persian_reader(self):
        """A report read in Persian prints 1404/01/01, with the Tehran time across midnight."""
        self.assertEqual(
            self._render_as(self.salesman_fa),
            {
                "date": "1404/01/01",
                "datetime": "1404/01/01 00:30:00",
                "widget": "1404/01/01",
                "month": "فروردین 1404",
            },
        )

    def test_report_dates_unchanged_for_english_reader(self):
        self.assertEqual(
            self._render_as(self.salesman_en),
            {
                "date": "03/21/2025",
                "datetime": "03/21/2025 00:30:00",
                "widget": "03/21/2025",
                "month": "March 2025",
            },
        )

    def test_persian_digits_option(self):
        """The language's Persian-digits flag writes ۱۴۰۴/۰۱/۰۱."""
        self.env["res.lang"]._lang_get("fa_IR").jalali_persian_digits = True
        self.assertEqual(self._render_as(self.salesman_fa)["date"], "۱۴۰۴/۰۱/۰۱")

    def test_email_dates_follow_recipient_language(self):
        """A mail template prints Jalali dates to a Persian customer only."""
        template = self.env["mail.template"].create(
            {
                "name": "Jalali reminder",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "lang": "{{ object.partner_id.lang }}",
                "subject": "Reminder",
                "body_html": BODY,
            }
        )
        lead_en = self.lead.copy({"partner_id": self.customer_en.id})
        leads = (self.lead | lead_en).with_user(self.salesman_fa)
        bodies = template.with_user(self.salesman_fa)._generate_template(leads.ids, ["body_html"])
        body_fa = bodies[self.lead.id]["body_html"]
        self.assertIn("Due 1404/01/01, closed 1404/01/01 00:30:00", body_fa)
        self.assertIn("Due 03/21/2025", bodies[lead_en.id]["body_html"])
