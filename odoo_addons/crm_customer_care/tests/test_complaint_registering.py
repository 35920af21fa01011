import base64

from lxml import etree

from odoo import Command
from odoo.tests import Form, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintRegistering(ComplaintCase):
    def _register(self, user, action, subject="Scratched table"):
        form = Form(self.env["crm.complaint"].with_user(user).with_context(**action["context"]))
        if not form.subject:
            form.subject = subject
        return form.save()

    def test_salesperson_registers_from_the_partner(self):
        """One click on the customer: the complaint is theirs, and the seller sees it."""
        partner = self.contact.with_user(self.salesman)
        complaint = self._register(self.salesman, partner.action_register_complaint())
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertEqual(complaint.commercial_partner_id, self.customer)
        self.assertEqual(complaint.user_id, self.salesman)
        self.assertEqual(complaint.email_from, self.contact.email)
        # The smart button counts the open complaints of the whole company.
        self.assertEqual(self.customer.with_user(self.salesman).open_complaint_count, 1)
        action = self.customer.with_user(self.salesman).action_view_open_complaints()
        self.assertEqual(action["res_id"], complaint.id)

    def test_register_from_order_invoice_and_lead(self):
        product = self.env["product.product"].create({"name": "Table", "list_price": 100})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                # the salesperson's own order: "own documents" is what they may read
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        complaint = self._register(
            self.salesman, order.with_user(self.salesman).action_register_complaint()
        )
        self.assertEqual((complaint.sale_order_id, complaint.partner_id), (order, self.contact))
        self.assertEqual(order.with_user(self.salesman).open_complaint_count, 1)

        invoice = order._create_invoices()
        invoice.action_post()
        complaint = self._register(self.salesman, invoice.action_register_complaint())
        self.assertEqual((complaint.invoice_id, complaint.sale_order_id), (invoice, order))

        lead = self.env["crm.lead"].create(
            {"name": "More tables", "partner_id": self.contact.id, "user_id": self.salesman.id}
        )
        complaint = self._register(
            self.salesman, lead.with_user(self.salesman).action_register_complaint()
        )
        self.assertEqual((complaint.lead_id, complaint.subject), (lead, "More tables"))
        # The lead counts every open complaint of its customer.
        self.assertEqual(lead.with_user(self.salesman).open_complaint_count, 3)

    def test_turn_chatter_email_into_complaint(self):
        """A customer's email logged on the partner becomes a complaint with its files."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "receipt.pdf",
                "datas": base64.b64encode(b"%PDF receipt"),
                "res_model": "res.partner",
                "res_id": self.customer.id,
            }
        )
        message = self.customer.message_post(
            body="<p>The table legs arrived bent.</p>",
            subject="Bent legs",
            author_id=self.contact.id,
            message_type="email",
            attachment_ids=attachment.ids,
        )
        wizard = (
            self.env["crm.complaint.from.message"]
            .with_user(self.salesman)
            .create({"message_id": message.id})
        )
        self.assertEqual(wizard.subject, "Bent legs")
        self.assertEqual(wizard.partner_id, self.contact)
        action = wizard.action_create()
        complaint = self.env["crm.complaint"].browse(action["res_id"])
        self.assertEqual(complaint.partner_id, self.contact)
        self.assertEqual(complaint.channel, "email")
        self.assertIn("arrived bent", complaint.description)
        copied = self.env["ir.attachment"].search(
            [("res_model", "=", "crm.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(copied.mapped("raw"), [b"%PDF receipt"])
        kept = complaint.message_ids.filtered(lambda m: "arrived bent" in (m.body or ""))
        self.assertEqual(kept.author_id, self.contact)
        self.assertEqual(kept.attachment_ids, copied)

    def test_unhappy_banner_links_to_the_open_complaints(self):
        """The buttons once landed in the first alert of the form (the duplicate VAT
        warning) instead of the unhappy-customer banner."""
        for model, banner in (
            ("res.partner", "not satisfaction_warning"),
            ("crm.lead", "not partner_satisfaction_warning"),
        ):
            arch = self.env[model].with_user(self.salesman).get_views([(False, "form")])
            tree = etree.fromstring(arch["views"]["form"]["arch"])
            buttons = tree.xpath(
                f"//div[@invisible='{banner}']//button[@name='action_view_open_complaints']"
            )
            self.assertEqual(len(buttons), 1, model)
            self.assertFalse(
                tree.xpath("//div[@name='warning_tax']//button[contains(@name, 'complaint')]")
            )
