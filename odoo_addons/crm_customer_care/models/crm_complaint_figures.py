from datetime import datetime

from odoo import api, models
from odoo.tools import SQL


class CrmComplaint(models.Model):
    """The figures the company shows its customers: what it actually achieves."""

    # One file per part of the process (STYLE: one responsibility per file).
    _inherit = "crm.complaint"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _promise_figures(self, company, year=None):
        """Median working hours to resolve and the share resolved within the promise, for
        complaints registered in the given year (this year by default)."""
        year = year or datetime.now().year
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        self.env["crm.complaint"].flush_model(
            ["company_id", "date_open", "date_resolved", "hours_to_resolve", "sla_state"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*),
                       count(*) FILTER (WHERE date_resolved IS NOT NULL),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_resolve)
                           FILTER (WHERE date_resolved IS NOT NULL),
                       count(*) FILTER (WHERE sla_state = 'met'),
                       count(*) FILTER (WHERE sla_state IN ('met', 'failed'))
                  FROM crm_complaint
                 WHERE company_id = %s AND date_open >= %s AND date_open < %s AND active
                """,
                company.id,
                start,
                end,
            )
        )
        registered, resolved, median, kept, judged = self.env.cr.fetchone()
        return {
            "year": year,
            "registered": registered,
            "resolved": resolved,
            "median_hours": round(median, 1) if median is not None else None,
            "within_promise_percent": round(100.0 * kept / judged) if judged else None,
        }
