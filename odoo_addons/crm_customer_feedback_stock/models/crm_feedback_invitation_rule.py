"""The trigger "days after an order is delivered": the order's first delivery done."""

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.crm_customer_feedback.models.crm_feedback_invitation_rule import CATCH_UP_DAYS


class CrmFeedbackInvitationRule(models.Model):
    _inherit = "crm.feedback.invitation.rule"

    trigger = fields.Selection(
        selection_add=[("delivery", "Days after an order is delivered")],
        ondelete={"delivery": "cascade"},
    )

    def _due_delivery(self):
        """Customers of the orders whose first delivery was done `delay_days` ago."""
        day = fields.Date.context_today(self) - relativedelta(days=self.delay_days)
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT p.commercial_partner_id
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE o.state = 'sale' AND o.company_id = %(company)s
                   AND o.effective_date::date BETWEEN %(since)s AND %(day)s
                """,
                company=self.company_id.id,
                since=day - relativedelta(days=CATCH_UP_DAYS),
                day=day,
            )
        )
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])
