"""A message the sender marks as promotional counts against the contact policy's monthly
limit, like a mailing. The mark is on the message, not a subtype: a subtype also decides
which followers are notified, so a new one would silently stop the email to the customer."""

from odoo import fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    contact_promotional = fields.Boolean(
        string="Promotional",
        copy=False,
        help="An offer or announcement rather than a reply: counts against the customer's "
        "monthly limit of promotional contacts.",
    )


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _get_message_create_valid_field_names(self):
        # message_post(contact_promotional=True) from the composer and from code.
        return super()._get_message_create_valid_field_names() | {"contact_promotional"}
