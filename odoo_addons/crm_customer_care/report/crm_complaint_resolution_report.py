from odoo import api, fields, models
from odoo.tools import SQL

from ..models.complaint_selections import COMPLAINT_CATEGORIES


class CrmComplaintResolutionReport(models.Model):
    """Resolution times per month, team and category, with the median a pivot cannot give.

    A median does not add up across rows, so each row is one month x team x category and
    its median is computed in SQL; the average and counts aggregate as usual.
    """

    _name = "crm.complaint.resolution.report"
    _description = "Complaint Resolution Times"
    _auto = False
    _order = "month desc, team_id, category"

    month = fields.Date(readonly=True)
    month_name = fields.Char(compute="_compute_month_name")
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.complaint.team", readonly=True)
    category = fields.Selection(COMPLAINT_CATEGORIES, readonly=True)
    complaint_count = fields.Integer(string="Registered", readonly=True)
    resolved_count = fields.Integer(string="Resolved", readonly=True)
    kept_count = fields.Integer(string="Within the Promise", readonly=True)
    average_hours = fields.Float(string="Average Hours to Resolve", readonly=True, aggregator="avg")
    median_hours = fields.Float(string="Median Hours to Resolve", readonly=True, aggregator=None)

    @api.depends("month", "company_id")
    @api.depends_context("lang")
    def _compute_month_name(self):
        # The month as the company counts it, named for the reader (آذر 1404, November
        # 2025), rather than the date of its first day.
        for row in self:
            row.month_name = row.month and row.company_id._kpi_month_label(row.month)

    @property
    def _table_query(self):
        # Each complaint falls in the month of its opening day in its own company: the
        # company's time zone and calendar (a Jalali month for a company counting in
        # Jalali months).
        companies = self.env["res.company"]
        opening_day = companies._kpi_local_day_sql(SQL("c.date_open"), SQL("c.company_id"))
        month = companies._kpi_month_start_sql(opening_day, SQL("c.company_id"))
        return SQL(
            """
            SELECT grouped.*
              FROM (
                -- The first complaint of each row names it: a stable id, so that a row
                -- found by search() is the row read() returns (row_number() is not).
                SELECT min(c.id) AS id,
                       %s AS month,
                       c.company_id,
                       c.team_id,
                       c.category,
                       count(*) AS complaint_count,
                       count(*) FILTER (WHERE c.date_resolved IS NOT NULL) AS resolved_count,
                       count(*) FILTER (WHERE c.sla_state = 'met') AS kept_count,
                       avg(c.hours_to_resolve) FILTER (WHERE c.date_resolved IS NOT NULL)
                           AS average_hours,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY c.hours_to_resolve)
                           FILTER (WHERE c.date_resolved IS NOT NULL) AS median_hours
                  FROM crm_complaint c
                 WHERE c.active
              GROUP BY 2, 3, 4, 5
              ) AS grouped
            """,
            month,
        )
