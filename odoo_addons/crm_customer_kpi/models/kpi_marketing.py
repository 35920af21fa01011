"""Indicator 7 of seed 003: marketing activity and its response rate. Mailings and SMS
delivered (mass_mailing's traces; SMS when SMS Marketing is installed) and the share
opened, clicked or replied; survey invitations and the share answered (when Customer
Feedback is installed)."""

from odoo import api, models
from odoo.tools import SQL

from .kpi_sales import rate

# Delivered: sent, opened or replied. A trace in `pending` (an SMS waiting for its
# delivery report) is not delivered yet; a trace is dated by its sent date only.
DELIVERED = ("sent", "open", "reply")


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _has_sms_marketing(self):
        # sudo: whether a module is installed, asked during a refresh only (a sales
        # manager past refresh_snapshots' doors, or the scheduled action).
        return bool(
            self.env["ir.module.module"]
            .sudo()
            .search_count([("name", "=", "mass_mailing_sms"), ("state", "=", "installed")])
        )

    @api.model
    def _has_customer_feedback(self):
        return "survey.user_input" in self.env and (
            "feedback_invited_on" in self.env["survey.user_input"]._fields
        )

    @api.model
    def _kpi_unavailable(self):
        unavailable = super()._kpi_unavailable()
        if not self._has_sms_marketing():
            reason = self.env._("Needs SMS Marketing")
            unavailable.update(sms_sent=reason, sms_response=reason)
        if not self._has_customer_feedback():
            reason = self.env._("Needs Customer Feedback")
            unavailable.update(survey_invitations=reason, survey_response=reason)
        return unavailable

    @api.model
    def _kpi_compute_marketing(self, ctx):
        figures = self._kpi_compute_traces(ctx, "mail", "mailings_sent", "mailing_response")
        if self._has_sms_marketing():
            figures.update(self._kpi_compute_traces(ctx, "sms", "sms_sent", "sms_response"))
        if self._has_customer_feedback():
            figures.update(self._kpi_compute_surveys(ctx))
        return figures

    @api.model
    def _kpi_source_traces(self, ctx, trace_type):
        """The traces of `trace_type` delivered in the month (by their sent date). A trace
        to a customer counts in their team and company; one to a mailing list contact in
        the company of the mailing's responsible."""
        return SQL(
            """SELECT COALESCE(p.company_id, u.company_id, %(default)s) AS company_id,
                      cu.sale_team_id AS team_id, t.id AS record_id, t.sent_datetime AS at,
                      t.trace_status IN ('open', 'reply')
                          OR t.links_click_datetime IS NOT NULL AS responded
                 FROM mailing_trace t
            LEFT JOIN mailing_mailing mm ON mm.id = t.mass_mailing_id
            LEFT JOIN res_users u ON u.id = mm.user_id
            LEFT JOIN res_partner p ON t.model = 'res.partner' AND p.id = t.res_id
            LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
            LEFT JOIN res_users cu ON cu.id = cp.user_id
                WHERE t.trace_type = %(type)s AND t.trace_status IN %(delivered)s
                  AND t.sent_datetime >= %(lo)s AND t.sent_datetime < %(hi)s""",
            default=ctx["default_company"],
            type=trace_type,
            delivered=DELIVERED,
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        ), {}

    @api.model
    def _kpi_compute_traces(self, ctx, trace_type, sent_code, response_code):
        traces, options = self._kpi_source_traces(ctx, trace_type)
        figures = {}
        for company, month, team, _bd, sent, responded in self._kpi_grouped(
            ctx,
            traces,
            [SQL("COUNT(*)"), SQL("COUNT(*) FILTER (WHERE b.responded)")],
            **options,
        ):
            figures[company, month, team, sent_code, False] = (float(sent), 0, 0)
            if figure := rate(responded, sent):
                figures[company, month, team, response_code, False] = figure
        return figures

    @api.model
    def _kpi_compute_surveys(self, ctx):
        invitations = SQL(
            """SELECT COALESCE(p.company_id, %(default)s) AS company_id, cu.sale_team_id AS team_id,
                      ui.feedback_invited_on AS at, ui.state
                 FROM survey_user_input ui
            LEFT JOIN res_partner p ON p.id = ui.partner_id
            LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
            LEFT JOIN res_users cu ON cu.id = cp.user_id
                WHERE ui.feedback_invited_on >= %(lo)s AND ui.feedback_invited_on < %(hi)s""",
            default=ctx["default_company"],
            lo=ctx["at_lo"],
            hi=ctx["at_hi"],
        )
        figures = {}
        for company, month, team, _bd, invited, answered in self._kpi_grouped(
            ctx, invitations, [SQL("COUNT(*)"), SQL("COUNT(*) FILTER (WHERE b.state = 'done')")]
        ):
            figures[company, month, team, "survey_invitations", False] = (float(invited), 0, 0)
            if figure := rate(answered, invited):
                figures[company, month, team, "survey_response", False] = figure
        return figures
