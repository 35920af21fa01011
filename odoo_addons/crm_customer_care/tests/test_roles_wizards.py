"""Issue 23: each door of Customer Care's wizards and portal form, tried by each role.

Every attempt runs as the user who makes it (``with_user``, or an authenticated portal
session), never as the superuser.
"""

import re

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.crm_customer_profile.tests.roles import SuiteRolesCase

from ..controllers.portal import MAX_ATTACHMENT_BYTES

CARE_USER = "base.group_user,crm_customer_care.crm_customer_care_group_user"
CARE_MANAGER = "base.group_user,crm_customer_care.crm_customer_care_group_manager"


class WizardRolesCase(SuiteRolesCase):
    """The suite's roles, care handlers and managers of both companies, a lead of another
    salesperson in company A, a lead of company B, and a message in each chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user_a = cls._user("roles_care_user_a", CARE_USER, cls.company_a)
        cls.care_manager_a = cls._user("roles_care_manager_a", CARE_MANAGER, cls.company_a)
        cls.care_manager_b = cls._user("roles_care_manager_b", CARE_MANAGER, cls.company_b)
        Lead = cls.env["crm.lead"]
        cls.lead_own = Lead.create(
            {
                "name": "Own lead",
                "partner_id": cls.customer_a.id,
                "user_id": cls.salesperson_own.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.lead_other = Lead.create(
            {
                "name": "Another salesperson's lead",
                "partner_id": cls.customer_a.id,
                "user_id": cls.salesperson_all.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.lead_b = Lead.with_company(cls.company_b).create(
            {
                "name": "Company B lead",
                "partner_id": cls.customer_b.id,
                "user_id": cls.manager_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.message_own = cls._message(cls.lead_own, "Own chair", "The own chair broke.")
        cls.message_other = cls._message(
            cls.lead_other, "Secret price of A", "Confidential: the other seller's discount."
        )
        cls.message_b = cls._message(
            cls.lead_b, "Secret of company B", "Confidential: company B's margin."
        )

    @classmethod
    def _message(cls, record, subject, body):
        return record.message_post(
            subject=subject,
            body=body,
            author_id=record.partner_id.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )


@tagged("post_install", "-at_install")
class TestRolesWizards(WizardRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["crm.complaint"]
        cls.complaint_own = Complaint.create(
            {
                "subject": "Own complaint",
                "partner_id": cls.customer_a.id,
                "user_id": cls.salesperson_own.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.complaint_other = Complaint.create(
            {
                "subject": "Another handler's complaint",
                "partner_id": cls.customer_a.id,
                "user_id": cls.salesperson_all.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.complaint_b = Complaint.with_company(cls.company_b).create(
            {
                "subject": "Company B complaint",
                "partner_id": cls.customer_b.id,
                "user_id": cls.care_manager_b.id,
                "company_id": cls.company_b.id,
            }
        )

    def _from_message(self, user, message):
        return (
            self.env["crm.complaint.from.message"]
            .with_user(user)
            .create({"message_id": message.id, "category": "product"})
        )

    def _followup(self, user, complaint):
        return (
            self.env["crm.complaint.followup"]
            .with_user(user)
            .create({"complaint_id": complaint.id, "problem_solved": "yes"})
        )

    # ------------------------------------------------------------------ turn into complaint

    def test_salesperson_own_cannot_turn_another_salespersons_message(self):
        """salesperson_own (own documents only) opens 'Turn into Complaint' on a message of
        another salesperson's lead: refused, and nothing of the message is shown."""
        with self.assertRaises(AccessError):
            wizard = self._from_message(self.salesperson_own, self.message_other)
            # What the dialog would show, had the creation gone through.
            self.assertNotIn("Confidential", wizard.body or "")
            self.assertNotEqual(wizard.subject, "Secret price of A")

    def test_salesperson_own_cannot_turn_another_companys_message(self):
        """salesperson_own of company A opens 'Turn into Complaint' on a message of a lead
        of company B: refused, nothing shown."""
        with self.assertRaises(AccessError):
            wizard = self._from_message(self.salesperson_own, self.message_b)
            self.assertNotIn("Confidential", wizard.body or "")
            self.assertNotEqual(wizard.partner_id, self.customer_b)

    def test_salesperson_own_dialog_does_not_show_another_salespersons_message(self):
        """salesperson_own opens the dialog (an onchange, before any save) with another
        salesperson's message as default: refused before any subject or body is shown."""
        Wizard = self.env["crm.complaint.from.message"].with_user(self.salesperson_own)
        with self.assertRaises(AccessError):
            Form(Wizard.with_context(default_message_id=self.message_other.id))

    def test_manager_a_cannot_turn_company_b_message(self):
        """manager_a, a sales manager of company A only, tries a message of company B."""
        with self.assertRaises(AccessError):
            self._from_message(self.manager_a, self.message_b)

    def test_care_manager_a_cannot_turn_company_b_message(self):
        """The care manager of company A tries a message of company B's lead."""
        with self.assertRaises(AccessError):
            self._from_message(self.care_manager_a, self.message_b)

    def test_internal_and_portal_cannot_open_the_wizard(self):
        """internal (no sales or care rights) and portal_a try the wizard at all."""
        for user in (self.internal, self.portal_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._from_message(user, self.message_own)

    def test_salesperson_own_turns_own_message_into_complaint(self):
        """salesperson_own turns a message of their own lead into a complaint, through the
        dialog the chatter opens."""
        Wizard = self.env["crm.complaint.from.message"].with_user(self.salesperson_own)
        dialog = Form(Wizard.with_context(default_message_id=self.message_own.id))
        self.assertEqual(dialog.subject, "Own chair")
        wizard = dialog.save()
        self.assertEqual(wizard.subject, "Own chair")
        self.assertEqual(wizard.partner_id, self.customer_a)
        self.assertIn("The own chair broke.", wizard.body)
        action = wizard.action_create()
        complaint = self.env["crm.complaint"].browse(action["res_id"])
        self.assertEqual(complaint.lead_id, self.lead_own)
        self.assertEqual(complaint.company_id, self.company_a)

    def test_salesperson_all_turns_another_salespersons_message(self):
        """salesperson_all (sees all documents of company A) turns a message of another
        salesperson's lead into a complaint."""
        wizard = self._from_message(self.salesperson_all, self.message_own)
        self.assertEqual(wizard.subject, "Own chair")
        wizard.action_create()

    def test_salesperson_own_cannot_switch_the_wizard_to_a_foreign_message(self):
        """salesperson_own creates the wizard on their own message, then writes another
        salesperson's message into it."""
        wizard = self._from_message(self.salesperson_own, self.message_own)
        with self.assertRaises(AccessError):
            wizard.write({"message_id": self.message_other.id})

    # ------------------------------------------------------------------ follow-up call

    def test_salesperson_own_cannot_follow_up_another_company_complaint(self):
        """salesperson_own of company A opens the follow-up call of a complaint of company B:
        refused, the customer is not shown."""
        with self.assertRaises(AccessError):
            wizard = self._followup(self.salesperson_own, self.complaint_b)
            self.assertNotEqual(wizard.partner_id, self.customer_b)

    def test_care_user_cannot_follow_up_anothers_complaint(self):
        """A care user (own and team complaints) opens the follow-up call of a complaint
        handled by another user, not in their team."""
        with self.assertRaises(AccessError):
            self._followup(self.care_user_a, self.complaint_other)

    def test_sales_manager_reads_but_cannot_record_a_follow_up(self):
        """manager_a reads every complaint of company A but handles only their own: the
        follow-up of another's complaint is refused before the customer's satisfaction
        history is touched."""
        wizard = self._followup(self.manager_a, self.complaint_other)
        self.assertEqual(wizard.partner_id, self.customer_a)
        entries = self.env["crm.satisfaction.entry"].search_count([])
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(self.env["crm.satisfaction.entry"].search_count([]), entries)

    def test_salesperson_own_records_own_follow_up(self):
        """salesperson_own records the follow-up call of their own complaint."""
        wizard = self._followup(self.salesperson_own, self.complaint_own)
        self.assertEqual(wizard.partner_id, self.customer_a)
        wizard.action_confirm()
        self.assertEqual(self.complaint_own.followup_solved, "yes")

    def test_portal_and_internal_cannot_open_the_follow_up(self):
        """portal_a and internal try the follow-up call of a complaint of company A."""
        for user in (self.portal_a, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._followup(user, self.complaint_own)


@tagged("post_install", "-at_install")
class TestRolesWizardsPortal(HttpCase, SuiteRolesCase):
    """The portal complaint form, tried by the public visitor and both portal customers."""

    def _csrf_token(self):
        page = self.url_open("/my/complaints/new")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, subject, files=None):
        return self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": self._csrf_token(),
                "subject": subject,
                "category": "product",
                "description": "Details.",
            },
            files=files,
        )

    def test_portal_a_is_told_of_a_file_over_the_limit(self):
        """portal_a sends a complaint with a photo and a video over the size limit: the
        complaint goes through with the photo, and the page says the video was not kept."""
        self.authenticate("roles_portal_a", "roles_portal_a")
        big = b"\0" * (MAX_ATTACHMENT_BYTES + 1)
        response = self._post(
            "Torn sofa",
            files=[
                ("attachments", ("photo.jpg", b"\xff\xd8fake-jpeg", "image/jpeg")),
                ("attachments", ("video.mp4", big, "video/mp4")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["crm.complaint"].search([("subject", "=", "Torn sofa")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.commercial_partner_id, self.customer_a)
        self.assertIn(f"/my/complaints/{complaint.id}", response.url)
        attached = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attached.mapped("name"), ["photo.jpg"])
        self.assertIn("o_complaint_upload_skipped", response.text)
        self.assertIn("video.mp4", response.text)
        # Said once: the page read again no longer carries the message.
        again = self.url_open(response.url)
        self.assertNotIn("o_complaint_upload_skipped", again.text)

    def test_portal_a_files_within_the_limit_without_warning(self):
        """portal_a sends a small photo: no warning."""
        self.authenticate("roles_portal_a", "roles_portal_a")
        response = self._post(
            "Scratched table",
            files={"attachments": ("photo.jpg", b"\xff\xd8fake-jpeg", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_complaint_upload_skipped", response.text)

    def test_portal_b_cannot_read_portal_a_complaint(self):
        """portal_b opens the complaint portal_a filed: sent back to /my, nothing shown."""
        complaint = self.env["crm.complaint"].create(
            {"subject": "Persepolis wobbly shelf", "partner_id": self.portal_a.partner_id.id}
        )
        self.authenticate("roles_portal_b", "roles_portal_b")
        response = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertNotIn("wobbly shelf", response.text)
        self.assertTrue(response.url.endswith("/my"))

    def test_public_cannot_file_a_complaint(self):
        """The anonymous visitor opens the complaint form: sent to the login page."""
        response = self.url_open("/my/complaints/new")
        self.assertIn("/web/login", response.url)
