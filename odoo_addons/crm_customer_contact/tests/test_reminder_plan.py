from datetime import datetime, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.sms.tools.sms_api import SmsApi

from .common import CustomerContactCase

REMINDER = "crm_customer_contact.mt_customer_reminder"


def _no_credit(self, messages, delivery_reports_url=False):
    return [
        {"uuid": number["uuid"], "state": "insufficient_credit"}
        for message in messages
        for number in message["numbers"]
    ]


@tagged("post_install", "-at_install")
class TestReminderPlan(CustomerContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the plan under test runs (demo plans act on demo orders).
        cls.env["base.automation"].search([]).active = False
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.template = cls.env.ref("crm_customer_contact.mail_template_checkup_due")
        cls.template.with_context(lang="fa_IR").subject = "زمان بازبینی فرا رسیده است"
        cls.bahar.lang = "fa_IR"
        cls.product = cls.env["product.product"].create({"name": "Water Heater", "list_price": 100})
        cls.order_bahar = cls._bought_half_a_year_ago(cls.bahar)
        cls.order_kaveh = cls._bought_half_a_year_ago(cls.kaveh)

    @classmethod
    def _bought_half_a_year_ago(cls, partner):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "order_line": [Command.create({"product_id": cls.product.id})],
            }
        )
        order.action_confirm()
        order.date_order = datetime.now() - relativedelta(months=6, hours=1)
        return order

    def _plan(self, channel):
        automation = self.env["base.automation"].create(
            {
                "name": "Check-up due",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "trigger": "on_time",
                "trg_date_id": self.env.ref("sale.field_sale_order__date_order").id,
                "trg_date_range": 6,
                "trg_date_range_type": "month",
                "filter_domain": repr([("id", "in", (self.order_bahar | self.order_kaveh).ids)]),
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Remind the customer",
                            "model_id": self.env["ir.model"]._get_id("sale.order"),
                            "state": "crm_customer_reminder",
                            "crm_reminder_channel": channel,
                            "crm_reminder_mail_template_id": self.template.id,
                            "crm_reminder_sms_template_id": self.env.ref(
                                "crm_customer_contact.sms_template_checkup_due"
                            ).id,
                        }
                    )
                ],
            }
        )
        automation.last_run = datetime.now() - timedelta(days=1)
        return automation

    def _reminders(self, order):
        return order.message_ids.filtered(lambda m: m.subtype_id == self.env.ref(REMINDER))

    def test_plan_sends_template_in_customer_language_within_policy(self):
        """The time-based rule sends the real template to the customer in their own
        language, and holds back the customer over the contact limit with a note."""
        self._past_mailing_to(self.kaveh, count=2)
        self._plan("email")
        self.env["base.automation"]._check()

        reminder = self._reminders(self.order_bahar)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, self.bahar)
        self.assertEqual(reminder.subject, "زمان بازبینی فرا رسیده است")
        self.assertFalse(self._reminders(self.order_kaveh))
        note = self.order_kaveh.message_ids.filtered(
            lambda m: "not sent as planned" in (m.body or "")
        )
        self.assertIn("limit 2", note.body)
        # The reminder is itself a promotional contact of the month.
        self.assertEqual(self.bahar.contact_promotional_count_month, 1)

    def test_sms_without_credit_says_so_and_falls_back_to_email(self):
        """No SMS credit: the order's chatter says why, and the email goes instead."""
        self._plan("sms_email")
        with patch.object(SmsApi, "_send_sms_batch", _no_credit):
            self.env["base.automation"]._check()
        note = self.order_bahar.message_ids.filtered(lambda m: "SMS not sent" in (m.body or ""))
        self.assertIn("Insufficient Credit", note.body)
        self.assertIn("email instead", note.body)
        emails = self._reminders(self.order_bahar).filtered(lambda m: m.subject)
        self.assertEqual(emails.partner_ids, self.bahar)

    def test_sms_only_plan_does_not_email(self):
        self._plan("sms")
        with patch.object(SmsApi, "_send_sms_batch", _no_credit):
            self.env["base.automation"]._check()
        self.assertFalse(self._reminders(self.order_bahar).filtered(lambda m: m.subject))
        self.assertTrue(
            self.order_bahar.message_ids.filtered(lambda m: "SMS not sent" in (m.body or ""))
        )
