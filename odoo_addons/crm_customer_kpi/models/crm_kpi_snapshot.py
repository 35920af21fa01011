from odoo import api, fields, models


class CrmKpiSnapshot(models.Model):
    """One figure of one indicator for one month, company and sales team (no team: the
    company as a whole). Completed months are stored once and then left alone, so a
    month's figure survives archived data and later edits of old records; the current
    month is recomputed on every refresh."""

    _name = "crm.kpi.snapshot"
    _description = "Customer KPI Snapshot"
    _order = "month desc, company_id, team_id, indicator, breakdown"

    month = fields.Date(required=True, index=True, help="First day of the company's month.")
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", index="btree_not_null", ondelete="cascade"
    )
    indicator = fields.Char(required=True, index=True)
    indicator_name = fields.Char(compute="_compute_indicator_name")
    breakdown = fields.Char(help="The level or tier of a distribution.")
    value = fields.Float(aggregator="sum")
    numerator = fields.Float(aggregator="sum")
    denominator = fields.Float(aggregator="sum")
    state = fields.Selection(
        [("measured", "Measured"), ("unavailable", "Not Available")],
        required=True,
        default="measured",
    )
    unavailable_reason = fields.Char(translate=False)
    is_live = fields.Boolean(string="Current Month", help="Recomputed on every refresh.")

    @api.depends("indicator")
    def _compute_indicator_name(self):
        names = {ind["code"]: ind["name"] for ind in self._kpi_indicators()}
        for snapshot in self:
            snapshot.indicator_name = names.get(snapshot.indicator, snapshot.indicator)
