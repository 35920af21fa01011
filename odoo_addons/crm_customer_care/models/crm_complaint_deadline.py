from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .complaint_selections import SLA_STATES
from .crm_complaint import INTERNAL

AT_RISK_HOURS_PARAM = "crm_customer_care.sla_at_risk_hours"
DEFAULT_AT_RISK_HOURS = 4
BREACH_BATCH = 200
BREACH_ACTIVITY_TYPE = "crm_customer_care.mail_activity_type_complaint_breach"


class CrmComplaint(models.Model):
    """The service promise of a complaint: its deadline in working hours and its breach."""

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    sla_id = fields.Many2one(
        "crm.complaint.sla",
        string="Service Promise",
        compute="_compute_sla_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        groups=INTERNAL,
    )
    sla_deadline = fields.Datetime(
        string="Promised By",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
        help="Registration plus the promise's working hours in the team's calendar.",
    )
    sla_breached_on = fields.Datetime(
        string="Promise Broken On", copy=False, readonly=True, groups=INTERNAL
    )
    sla_state = fields.Selection(
        SLA_STATES,
        string="Promise",
        compute="_compute_sla_state",
        store=True,
        index=True,
    )
    sla_at_risk = fields.Boolean(
        string="About to Break the Promise",
        compute="_compute_sla_at_risk",
        search="_search_sla_at_risk",
    )

    @api.depends("category", "priority", "team_id", "commercial_partner_id", "company_id")
    def _compute_sla_id(self):
        for complaint in self:
            tier = complaint.sudo().customer_value_tier_id
            complaint.sla_id = self.env["crm.complaint.sla"].sudo()._find_for(complaint, tier)

    # Not on the promise's hours: a promise made to a customer stands when the company later
    # changes its targets, and past complaints keep the verdict they earned.
    @api.depends("sla_id", "date_open", "team_id")
    def _compute_sla_deadline(self):
        for complaint in self:
            complaint.sla_deadline = complaint._promised_deadline()

    def _promised_deadline(self):
        self.ensure_one()
        if not (self.sla_id and self.date_open):
            return False
        calendar = self._working_calendar()
        if not calendar:
            return self.date_open + timedelta(hours=self.sla_id.hours)
        return calendar.plan_hours(self.sla_id.hours, self.date_open, compute_leaves=True)

    @api.depends("sla_deadline", "date_resolved", "sla_breached_on")
    def _compute_sla_state(self):
        for complaint in self:
            deadline = complaint.sla_deadline
            if not deadline:
                complaint.sla_state = "none"
            elif complaint.date_resolved:
                complaint.sla_state = "met" if complaint.date_resolved <= deadline else "failed"
            else:
                complaint.sla_state = "breached" if complaint.sla_breached_on else "running"

    def _at_risk_window(self):
        hours = self.env["ir.config_parameter"].sudo().get_param(AT_RISK_HOURS_PARAM)
        now = fields.Datetime.now()
        return now, now + timedelta(hours=float(hours or DEFAULT_AT_RISK_HOURS))

    @api.depends("sla_deadline", "sla_state")
    def _compute_sla_at_risk(self):
        now, limit = self._at_risk_window()
        for complaint in self:
            complaint.sla_at_risk = bool(
                complaint.sla_state == "running" and now <= complaint.sla_deadline <= limit
            )

    def _search_sla_at_risk(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'About to Break the Promise'."))
        now, limit = self._at_risk_window()
        at_risk = [
            ("sla_state", "=", "running"),
            ("sla_deadline", ">=", now),
            ("sla_deadline", "<=", limit),
        ]
        return at_risk if (operator == "=") == value else ["!", "&", "&", *at_risk]

    # ------------------------------------------------------------------ breach

    @api.model
    def _cron_notify_sla_breaches(self):
        """Mark open complaints past their promise as breached and tell each team leader,
        a batch per call: Odoo 18's cron commits and calls again while work remains."""
        domain = [("sla_state", "=", "running"), ("sla_deadline", "<", fields.Datetime.now())]
        batch = self.search(domain, limit=BREACH_BATCH, order="sla_deadline, id")
        batch._notify_sla_breach()
        remaining = self.search_count(domain) if batch else 0
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)

    def _notify_sla_breach(self):
        self.write({"sla_breached_on": fields.Datetime.now()})
        activity_type = self.env.ref(BREACH_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id("crm.complaint")
        values = [
            {
                "res_model_id": model_id,
                "res_id": complaint.id,
                "activity_type_id": activity_type.id,
                "automated": True,
                "user_id": complaint._breach_recipient().id,
                "summary": self.env._("Promise broken: %(promise)s", promise=complaint.sla_id.name),
                "date_deadline": fields.Date.context_today(self),
            }
            for complaint in self
        ]
        self.env["mail.activity"].sudo().create(values)

    def _breach_recipient(self):
        self.ensure_one()
        return self.team_id.user_id or self.user_id or self.env.ref("base.user_admin")
