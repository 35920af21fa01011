from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_customer_feedback.tests.common import CustomerFeedbackCase
from odoo.addons.crm_customer_profile.tests.common import run_batched_cron

CRON = "crm_customer_feedback.ir_cron_send_feedback_invitations"


@tagged("post_install", "-at_install")
class TestInvitationAfterDelivery(CustomerFeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.feedback.invitation.rule"].search([]).active = False
        cls.rule = cls.env["crm.feedback.invitation.rule"].create(
            {
                "name": "After delivery",
                "survey_id": cls.survey.id,
                "trigger": "delivery",
                "delay_days": 5,
                "user_id": cls.survey_officer.id,
            }
        )
        cls.product = cls.env["product.product"].create({"name": "Sofa", "type": "consu"})

    def _order_delivered(self, partner, days_ago):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        order.action_confirm()
        if days_ago is not None:
            picking = order.picking_ids
            picking.move_ids.quantity = 1
            picking.button_validate()
            picking.date_done = fields.Datetime.now() - relativedelta(days=days_ago)
        return order

    def _invited(self, partner):
        return self.env["survey.user_input"].search(
            [("partner_id", "=", partner.id), ("feedback_rule_id", "=", self.rule.id)]
        )

    def test_invited_days_after_delivery(self):
        """Five days after the delivery, the customer gets the survey; the customer whose
        order is not delivered yet does not."""
        order = self._order_delivered(self.customer, days_ago=5)
        self.assertTrue(order.effective_date)
        self._order_delivered(self.other, days_ago=None)
        run_batched_cron(self.env, CRON)
        self.assertEqual(len(self._invited(self.customer)), 1)
        self.assertFalse(self._invited(self.other))
