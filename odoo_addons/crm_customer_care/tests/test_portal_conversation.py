"""Issue 26, the customer's side: a portal customer answers on their own complaint, with
attachments, as on Odoo's own portal documents, and nowhere else; their photos are shown
back to them."""

import base64
import json
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

# A 1x1 PNG: the photo the customer sent.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalConversation(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Isfahan Tiles", "is_company": True, "email": "info@isfahan.example"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="care26_portal",
            password="care26_portal_pwd",
            groups="base.group_portal",
            name="Maryam Portal",
            email="maryam@isfahan.example",
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        Complaint = cls.env["crm.complaint"]
        cls.complaint = Complaint.create(
            {"subject": "Cracked tiles", "partner_id": cls.portal_user.partner_id.id}
        )
        cls.photo = cls.env["ir.attachment"].create(
            {
                "name": "cracked.png",
                "raw": PNG,
                "res_model": "crm.complaint",
                "res_id": cls.complaint.id,
            }
        )
        cls.complaint.message_post(
            body="Evidence sent with the complaint.",
            attachment_ids=cls.photo.ids,
            author_id=cls.portal_user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.secret = cls.env["ir.attachment"].create(
            {
                "name": "supplier-price-list.txt",
                "raw": b"internal",
                "res_model": "crm.complaint",
                "res_id": cls.complaint.id,
            }
        )
        cls.complaint.message_post(
            body="Internal: the supplier pays for it.",
            attachment_ids=cls.secret.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        stranger = cls.env["res.partner"].create({"name": "Someone Else"})
        cls.stranger_complaint = Complaint.create(
            {"subject": "Stranger's lamp", "partner_id": stranger.id}
        )

    def _csrf_token(self):
        page = self.url_open("/my/complaints/new")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _upload(self, complaint):
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": self._csrf_token(),
                "thread_id": complaint.id,
                "thread_model": "crm.complaint",
                "is_pending": "true",
            },
            files={"ufile": ("broken-again.png", PNG, "image/png")},
        )
        return response

    def _post(self, complaint, body, attachments=None):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "crm.complaint",
                "thread_id": complaint.id,
                "post_data": {
                    "body": body,
                    "attachment_ids": [a["id"] for a in attachments or []],
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "attachment_tokens": [a["access_token"] for a in attachments or []],
            },
        )

    def test_portal_customer_answers_with_an_attachment(self):
        """Issue 26 #1: posting from the complaint's portal page gave "404
        /mail/message/post" (the model kept _mail_post_access = 'write')."""
        self.authenticate("care26_portal", "care26_portal_pwd")
        upload = self._upload(self.complaint)
        self.assertEqual(upload.status_code, 200, upload.text[:300])
        [attachment] = json.loads(upload.text)["data"]["ir.attachment"]
        self._post(self.complaint, "It broke again, photo attached.", [attachment])
        message = self.complaint.message_ids[:1]
        self.assertIn("It broke again", message.body)
        self.assertEqual(message.author_id, self.portal_user.partner_id)
        self.assertEqual(message.attachment_ids.ids, [attachment["id"]])
        self.assertEqual(message.attachment_ids.res_id, self.complaint.id)
        self.assertFalse(message.is_internal or message.subtype_id.internal)

    def test_portal_customer_posts_nowhere_else(self):
        """Issue 26 #1: answering on one's own complaint opens no other document."""
        self.authenticate("care26_portal", "care26_portal_pwd")
        before = self.stranger_complaint.message_ids
        with self.assertRaises(JsonRpcException):
            self._post(self.stranger_complaint, "Not mine")
        upload = self._upload(self.stranger_complaint)
        self.assertEqual(upload.status_code, 404)
        self.assertEqual(self.stranger_complaint.message_ids, before)
        # Employees' notes stay hidden in the customer's thread.
        messages = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "crm.complaint", "thread_id": self.complaint.id, "limit": 30},
        )
        shown = json.dumps(messages)
        self.assertIn("Evidence sent with the complaint.", shown)
        self.assertNotIn("the supplier pays", shown)

    def test_portal_page_shows_the_customers_photos(self):
        """Issue 26 #2: the photo sent with the complaint was not shown back to the
        customer; it is, with an access token, and employees' files are not."""
        self.authenticate("care26_portal", "care26_portal_pwd")
        page = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertEqual(page.status_code, 200)
        self.photo.invalidate_recordset()
        token = self.photo.access_token
        self.assertTrue(token)
        self.assertIn(f"/web/image/{self.photo.id}/320x320?access_token={token}", page.text)
        self.assertNotIn("supplier-price-list", page.text)
        # Shared by link: a visitor with the complaint's token sees the photo too.
        self.logout()
        self.complaint._portal_ensure_token()
        shared = self.url_open(
            f"/my/complaints/{self.complaint.id}?access_token={self.complaint.access_token}"
        )
        self.assertIn(f"/web/image/{self.photo.id}/320x320?access_token={token}", shared.text)
        image = self.url_open(f"/web/image/{self.photo.id}/320x320?access_token={token}")
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
