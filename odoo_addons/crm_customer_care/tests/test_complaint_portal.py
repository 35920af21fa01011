import re

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Shiraz Interiors", "is_company": True, "email": "info@shiraz.example"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="care_portal",
            password="care_portal_pwd",
            groups="base.group_portal",
            name="Shirin Portal",
            email="shirin@shiraz.example",
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        colleague = cls.env["res.partner"].create(
            {"name": "Colleague", "parent_id": cls.customer.id}
        )
        stranger = cls.env["res.partner"].create({"name": "Someone Else"})
        Complaint = cls.env["crm.complaint"]
        cls.colleague_complaint = Complaint.create(
            {"subject": "Colleague's wobbly shelf", "partner_id": colleague.id}
        )
        cls.stranger_complaint = Complaint.create(
            {"subject": "Stranger's cracked mirror", "partner_id": stranger.id}
        )

    def _csrf_token(self):
        page = self.url_open("/my/complaints/new")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_customer_files_a_complaint_and_sees_only_their_own(self):
        self.authenticate("care_portal", "care_portal_pwd")
        page = self.url_open("/my/complaints/new").text
        self.assertIn('name="subject"', page)
        self.assertRegex(page, r'<textarea[^>]*name="description"')
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": self._csrf_token(),
                "subject": "Lamp shade torn",
                "category": "product",
                "description": "The shade was torn in the box.",
            },
            files={"attachments": ("photo.jpg", b"\xff\xd8fake-jpeg", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["crm.complaint"].search([("subject", "=", "Lamp shade torn")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.partner_id, self.portal_user.partner_id)
        self.assertEqual(complaint.commercial_partner_id, self.customer)
        self.assertEqual(complaint.channel, "portal")
        self.assertIn(f"/my/complaints/{complaint.id}", response.url)
        self.assertEqual(
            self.env["ir.attachment"]
            .search([("res_model", "=", "crm.complaint"), ("res_id", "=", complaint.id)])
            .mapped("name"),
            ["photo.jpg"],
        )

        listing = self.url_open("/my/complaints")
        self.assertIn("Lamp shade torn", listing.text)
        self.assertIn("Colleague&#39;s wobbly shelf", listing.text)
        self.assertNotIn("cracked mirror", listing.text)
        detail = self.url_open(f"/my/complaints/{self.colleague_complaint.id}")
        self.assertIn("wobbly shelf", detail.text)
        foreign = self.url_open(f"/my/complaints/{self.stranger_complaint.id}")
        self.assertNotIn("cracked mirror", foreign.text)
        self.assertTrue(foreign.url.endswith("/my"))

    def test_form_errors_are_shown(self):
        self.authenticate("care_portal", "care_portal_pwd")
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": self._csrf_token(),
                "subject": "",
                "category": "product",
                "description": "",
            },
        )
        self.assertIn("is-invalid", response.text)
        self.assertFalse(self.env["crm.complaint"].search([("subject", "=", "")]))

    def test_public_promise_page_shows_figures(self):
        """Anyone can read the process and the figures actually achieved this year."""
        complaint = self.env["crm.complaint"].create(
            {"subject": "Quick fix", "partner_id": self.customer.id}
        )
        complaint.stage_id = self.env.ref("crm_customer_care.crm_complaint_stage_resolved")
        figures = self.env["crm.complaint"]._promise_figures(self.env.company)
        self.assertIsNotNone(figures["median_hours"])
        response = self.url_open("/complaints/promise")
        self.assertEqual(response.status_code, 200)
        for element, value in (
            ("promise_registered", figures["registered"]),
            ("promise_median_hours", figures["median_hours"]),
        ):
            shown = re.search(rf'id="{element}"[^>]*>\s*([^<\s]+)', response.text).group(1)
            self.assertEqual(shown, str(value))
