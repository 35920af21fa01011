from ast import literal_eval

from odoo import api, fields, models


class CrmComplaintTeam(models.Model):
    """The people who handle complaints, their leader, their working hours and mail alias."""

    _name = "crm.complaint.team"
    _description = "Complaint Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        domain=[("share", "=", False)],
        help="Receives an activity when a complaint of the team breaks its service promise.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "crm_complaint_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        check_company=True,
        help="Service promises and resolution times count these hours only.",
    )
    alias_id = fields.Many2one(help="Emails to this address become complaints of this team.")
    complaint_ids = fields.One2many("crm.complaint", "team_id", string="Complaints")
    open_complaint_count = fields.Integer(compute="_compute_open_complaint_count")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "resource_calendar_id" not in vals and "company_id" in vals:
                # The default is the current company's calendar: take the team's company's.
                # A team shared by all companies counts in the current company's calendar
                # (_working_calendar), so it needs none of its own.
                company = self.env["res.company"].browse(vals["company_id"])
                vals["resource_calendar_id"] = company.resource_calendar_id.id
        return super().create(vals_list)

    def _compute_open_complaint_count(self):
        counts = dict(
            self.env["crm.complaint"]._read_group(
                [("team_id", "in", self.ids), ("is_resolved", "=", False)],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_complaint_count = counts.get(team, 0)

    def _working_calendar(self):
        """The calendar promises are counted in: the team's, else its company's."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.resource_calendar_id or company.resource_calendar_id

    # ------------------------------------------------------------------ mail alias

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("crm.complaint").id
        if self.id:
            values["alias_defaults"] = defaults = literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            if self.company_id:
                defaults["company_id"] = self.company_id.id
        return values

    @api.model
    def _default_team(self, company=None):
        company = company or self.env.company
        return self.search([("company_id", "in", [company.id, False])], limit=1)
