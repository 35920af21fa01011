"""Customer reminders as automation rules: a server action that sends an email or SMS
template to the customer of each record, in the customer's language, when the contact
policy allows, and says on the record why it did not. A company adds its own plans
(check-up due, renewal) as time-based automation rules with this action."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .contact_count import REMINDER_SUBTYPE

SMS_FAILED = ("exception", "bounce", "canceled")


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("crm_customer_reminder", "Send Customer Reminder")],
        ondelete={"crm_customer_reminder": "cascade"},
    )
    crm_reminder_channel = fields.Selection(
        [
            ("email", "Email"),
            ("sms", "SMS"),
            ("sms_email", "SMS, or email when SMS fails"),
        ],
        string="Remind By",
        default="email",
    )
    crm_reminder_mail_template_id = fields.Many2one(
        "mail.template",
        string="Reminder Email Template",
        domain="[('model_id', '=', model_id)]",
        ondelete="restrict",
    )
    crm_reminder_sms_template_id = fields.Many2one(
        "sms.template",
        string="Reminder SMS Template",
        domain="[('model_id', '=', model_id)]",
        ondelete="restrict",
    )

    @api.constrains("state", "crm_reminder_channel", "model_id")
    def _check_crm_reminder(self):
        for action in self.filtered(lambda a: a.state == "crm_customer_reminder"):
            if not action.model_id.is_mail_thread:
                raise ValidationError(
                    self.env._("A customer reminder is posted on a document with a chatter.")
                )

    def _crm_reminder_customer(self, record):
        if record._name == "res.partner":
            return record
        return record.partner_id if "partner_id" in record._fields else record.browse()

    def _run_action_crm_customer_reminder_multi(self, eval_context=None):
        records = eval_context.get("records") or eval_context.get("record")
        if not records:
            return False
        # Each company's own policy applies to its documents.
        for company, group in records.grouped(self._crm_reminder_company).items():
            customers = records.env["res.partner"].union(
                *(self._crm_reminder_customer(record) for record in group)
            )
            refusals = customers._contact_policy_refusals(company)
            for record in group:
                customer = self._crm_reminder_customer(record)
                if not customer:
                    self._crm_reminder_note(record, self.env._("no customer on this document"))
                elif customer.id in refusals:
                    self._crm_reminder_note(record, refusals[customer.id])
                else:
                    self._crm_reminder_send(record, customer)
        return False

    def _crm_reminder_company(self, record):
        if "company_id" in record._fields and record.company_id:
            return record.company_id
        return self.env.company

    def _crm_reminder_send(self, record, customer):
        if self.crm_reminder_channel in ("sms", "sms_email"):
            failure = self._crm_reminder_send_sms(record, customer)
            if not failure:
                return True
            fallback = (
                self.crm_reminder_channel == "sms_email" and self.crm_reminder_mail_template_id
            )
            self._crm_reminder_note(
                record,
                self.env._("SMS not sent: %(reason)s.", reason=failure)
                + (" " + self.env._("Sent by email instead.") if fallback else ""),
            )
            if not fallback:
                return False
        return self._crm_reminder_send_email(record)

    def _crm_reminder_send_email(self, record):
        if not self.crm_reminder_mail_template_id:
            return False
        # The template's language expression (the customer's language) picks the text.
        record.message_post_with_source(
            self.crm_reminder_mail_template_id,
            message_type="comment",
            subtype_xmlid=REMINDER_SUBTYPE,
        )
        return True

    def _crm_reminder_send_sms(self, record, customer):
        """Send the SMS now; return why it failed (no number, no credits, no account),
        or False when it went out."""
        if not self.crm_reminder_sms_template_id:
            return self.env._("no SMS template on the reminder")
        message = record._message_sms_with_template(
            template=self.crm_reminder_sms_template_id,
            partner_ids=customer.ids,
            subtype_id=self.env["ir.model.data"]._xmlid_to_res_id(REMINDER_SUBTYPE),
        )
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "=", message.id),
                    ("notification_type", "=", "sms"),
                    ("notification_status", "in", SMS_FAILED),
                ]
            )
        )
        if not notifications:
            return False
        failures = dict(notifications._fields["failure_type"]._description_selection(self.env))
        return ", ".join(
            sorted({failures.get(n.failure_type) or n.failure_type or "?" for n in notifications})
        )

    def _crm_reminder_note(self, record, reason):
        record.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                'Reminder "%(name)s" not sent as planned: %(reason)s',
                name=self.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
