"""The trigger "days after a complaint is closed": how did we do in putting it right?"""

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.crm_customer_feedback.models.crm_feedback_invitation_rule import CATCH_UP_DAYS


class CrmFeedbackInvitationRule(models.Model):
    _inherit = "crm.feedback.invitation.rule"

    trigger = fields.Selection(
        selection_add=[("complaint", "Days after a complaint is closed")],
        ondelete={"complaint": "cascade"},
    )

    def _due_complaint(self):
        """Whoever complained, for complaints closed `delay_days` ago."""
        day = fields.Date.context_today(self) - relativedelta(days=self.delay_days)
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT COALESCE(partner_id, commercial_partner_id)
                  FROM crm_complaint
                 WHERE is_closed AND company_id = %(company)s
                   AND date_closed::date BETWEEN %(since)s AND %(day)s
                   AND COALESCE(partner_id, commercial_partner_id) IS NOT NULL
                """,
                company=self.company_id.id,
                since=day - relativedelta(days=CATCH_UP_DAYS),
                day=day,
            )
        )
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])

    def _policy_refusals(self, partners):
        # Asking how the complaint was handled is its follow-up, not promotion: the quiet
        # days after a complaint do not hold it back (the monthly limit and opt-out do).
        if self.trigger == "complaint":
            partners = partners.with_context(contact_policy_ignore_quiet=True)
        return super()._policy_refusals(partners)
