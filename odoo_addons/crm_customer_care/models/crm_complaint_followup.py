from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_customer_profile.models.crm_satisfaction_entry import SATISFACTION_LEVELS

from .crm_complaint import INTERNAL

RESOLUTION_TEMPLATE = "crm_customer_care.mail_template_complaint_resolved"
FOLLOWUP_ACTIVITY_TYPE = "crm_customer_care.mail_activity_type_complaint_followup"


class CrmComplaint(models.Model):
    """After the resolution: an apology, a call, and the customer's answer (seed 000)."""

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    followup_done = fields.Boolean(
        string="Followed Up", copy=False, readonly=True, tracking=True, groups=INTERNAL
    )
    followup_date = fields.Datetime(
        string="Followed Up On", copy=False, readonly=True, groups=INTERNAL
    )
    followup_solved = fields.Selection(
        [("yes", "Yes"), ("no", "No")],
        string="Problem Solved?",
        copy=False,
        readonly=True,
        tracking=True,
        groups=INTERNAL,
    )
    followup_satisfaction = fields.Selection(
        SATISFACTION_LEVELS,
        string="Satisfaction after Follow-up",
        copy=False,
        readonly=True,
        groups=INTERNAL,
    )

    def write(self, vals):
        if "stage_id" in vals:
            self._check_can_close(self.env["crm.complaint.stage"].browse(vals["stage_id"]))
        return super().write(vals)

    def _check_can_close(self, stage):
        if not stage.is_closed:
            return
        pending = self.filtered(lambda complaint: not complaint.followup_done)
        if pending:
            raise UserError(
                self.env._(
                    "Call the customer first: a complaint is closed only after its follow-up "
                    "(%(numbers)s).",
                    numbers=", ".join(pending.mapped("name")),
                )
            )

    def _on_resolved(self):
        super()._on_resolved()
        self._send_resolution_mail()
        self._schedule_followup_call()
        return True

    def _send_resolution_mail(self):
        """The apology and resolution, in the customer's language, in the complaint's thread."""
        template = self.env.ref(RESOLUTION_TEMPLATE, raise_if_not_found=False)
        if not template or not (self.partner_id.email or self.email_from):
            return
        self.with_context(mail_post_autofollow=True).message_post_with_source(
            template, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def _schedule_followup_call(self):
        days = self.company_id.complaint_followup_days or 0
        self.activity_schedule(
            FOLLOWUP_ACTIVITY_TYPE,
            date_deadline=fields.Date.context_today(self) + timedelta(days=days),
            user_id=(self.user_id or self.env.user).id,
        )

    def action_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up Call"),
            "res_model": "crm.complaint.followup",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _record_followup(self, solved, level, note):
        """The customer's answer: recorded in the profile, then close or reopen."""
        self.ensure_one()
        self.commercial_partner_id.sudo().record_satisfaction(
            level, source="complaint", note=note or self.name, company=self.company_id
        )
        self.write(
            {
                "followup_done": solved,
                "followup_date": fields.Datetime.now(),
                "followup_solved": "yes" if solved else "no",
                "followup_satisfaction": level,
            }
        )
        self.activity_feedback([FOLLOWUP_ACTIVITY_TYPE], feedback=note or None)
        stage = self._stage_after_followup(solved)
        if stage:
            self.stage_id = stage

    def _stage_after_followup(self, solved):
        """Solved: the first closed stage. Not solved: back to the first open stage after
        'new', so the team works on it again."""
        stages = self.env["crm.complaint.stage"].search([])
        if solved:
            return stages.filtered("is_closed")[:1]
        open_stages = stages.filtered(lambda stage: not stage.is_resolved and not stage.is_closed)
        return open_stages[1:2] or open_stages[:1]
