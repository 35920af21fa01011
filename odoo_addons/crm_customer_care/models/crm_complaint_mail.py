from odoo import api, fields, models
from odoo.tools import html2plaintext


class CrmComplaint(models.Model):
    """Complaints by mail: the alias creates them, replies stay in their thread."""

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the complaints alias: the sender is matched to a customer by address.

        Nothing in a mail is proof: the From can be forged. The claimed customer is recorded,
        but the complaint counts against their satisfaction only once a handler confirms
        it (customer_confirmed); its number is the sequence's, whatever the subject says,
        and create() removes the bidirectional controls from the subject and the sender."""
        values = dict(custom_values or {})
        values.setdefault("subject", msg_dict.get("subject") or self.env._("(no subject)"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        values.setdefault("email_from", msg_dict.get("email_from"))
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if not author and msg_dict.get("email_from"):
            author = self._partner_from_sender(msg_dict["email_from"])
        if author:
            values.setdefault("partner_id", author.id)
        # Mails arrive as OdooBot: the complaint waits for a person in the team.
        values.setdefault("user_id", False)
        values["customer_confirmed"] = False
        return super().message_new(msg_dict, custom_values=values)

    def _partner_from_sender(self, email_from):
        partners = self._mail_find_partner_from_emails([email_from], force_create=False)
        return partners[0] if partners and partners[0] else self.env["res.partner"]

    def _message_post_after_hook(self, message, msg_vals):
        """The first answer an employee sends the customer is the first response."""
        result = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id
        # The customer may post too (portal): the times are employees' fields.
        complaint = self.sudo()
        if (
            not complaint.date_first_response
            and message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and author
            and any(not user.share for user in author.user_ids)
            and author != complaint.partner_id
        ):
            complaint.date_first_response = fields.Datetime.now()
        return result

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Customer")
            )
        return recipients

    def _complaint_values_from_message(self, message):
        """What a chatter message tells about a complaint, for 'turn into complaint'."""
        author = message.author_id
        partner = author if author and not any(not u.share for u in author.user_ids) else False
        record = self.env[message.model].browse(message.res_id) if message.model else None
        values = {
            "subject": message.subject
            or (record.display_name if record else False)
            or html2plaintext(message.body or "")[:80]
            or self.env._("Complaint"),
            "description": message.body,
            "channel": "email" if message.message_type == "email" else "phone",
            "date_open": message.date,
        }
        if partner:
            values["partner_id"] = partner.id
        for name, value in self._document_values_from(record).items():
            values.setdefault(name, value)  # the author, if a customer, is the contact
        if "partner_id" not in values and record is not None:
            customer = record["partner_id"] if "partner_id" in record._fields else None
            if customer:
                values["partner_id"] = customer.id
        return values

    def _document_values_from(self, record):
        if record is None:
            return {}
        fields_by_model = {
            "res.partner": "partner_id",
            "crm.lead": "lead_id",
            "sale.order": "sale_order_id",
            "account.move": "invoice_id",
        }
        field_name = fields_by_model.get(record._name)
        return {field_name: record.id} if field_name else {}

    def _copy_message(self, message):
        """The original message, with copies of its attachments, in the complaint's thread."""
        self.ensure_one()
        attachments = message.attachment_ids.sudo()
        copies = [
            attachment.copy({"res_model": self._name, "res_id": self.id}).id
            for attachment in attachments
        ]
        self.message_post(
            body=message.body,
            subject=message.subject,
            author_id=message.author_id.id,
            email_from=message.email_from,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=copies,
        )
        return True
