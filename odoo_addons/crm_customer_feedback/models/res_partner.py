from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_customer_profile.models.crm_satisfaction_entry import SATISFACTION_LEVELS


class ResPartner(models.Model):
    _inherit = "res.partner"

    feedback_entry_ids = fields.One2many(
        "crm.satisfaction.entry",
        "partner_id",
        string="Feedback Answers",
        domain=[("source", "=", "survey")],
    )
    last_feedback_entry_id = fields.Many2one(
        "crm.satisfaction.entry", string="Last Feedback", compute="_compute_last_feedback"
    )
    last_feedback_level = fields.Selection(
        SATISFACTION_LEVELS, string="Last Feedback Result", compute="_compute_last_feedback"
    )
    last_feedback_date = fields.Datetime(
        string="Last Feedback On", compute="_compute_last_feedback"
    )

    @api.depends("feedback_entry_ids.date")
    def _compute_last_feedback(self):
        for partner in self:
            # The history is ordered newest first.
            last = partner.feedback_entry_ids[:1]
            partner.last_feedback_entry_id = last
            partner.last_feedback_level = last.level
            partner.last_feedback_date = last.date

    def _contact_count_parts(self, ids, start, end):
        parts = super()._contact_count_parts(ids, start, end)
        return [*parts, self._contact_count_survey_invitations(ids, start, end)]

    def _contact_count_survey_invitations(self, ids, start, end):
        # The invitation email goes out as a bare mail, with no chatter message to count:
        # the stamped answer stands for it.

        return SQL(
            """
            SELECT partner_id, TRUE AS promotional
              FROM survey_user_input
             WHERE partner_id = ANY(%(ids)s)
               AND feedback_invited_on >= %(start)s AND feedback_invited_on < %(end)s
            """,
            ids=ids,
            start=start,
            end=end,
        )

    def action_fill_feedback(self):
        """Phone and in-person feedback: the salesperson fills the survey for the
        customer."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_customer_feedback.crm_feedback_fill_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action
