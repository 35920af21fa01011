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
    # A selection (stored as its code, as a Char would be) so that lists, pivots and
    # group-bys name the indicator in the reader's language.
    indicator = fields.Selection(selection="_selection_indicator", required=True, index=True)
    indicator_name = fields.Char(compute="_compute_indicator_name")
    breakdown = fields.Char(help="The level or tier of a distribution.")
    breakdown_name = fields.Char(
        string="Level or Tier",
        compute="_compute_breakdown_name",
        help="The satisfaction level or value tier a distribution's figure counts.",
    )
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

    @api.model
    def _selection_indicator(self):
        return [(ind["code"], ind["name"]) for ind in self._kpi_indicators()]

    @api.depends("indicator")
    @api.depends_context("lang")
    def _compute_indicator_name(self):
        names = {ind["code"]: ind["name"] for ind in self._kpi_indicators()}
        for snapshot in self:
            snapshot.indicator_name = names.get(snapshot.indicator, snapshot.indicator)

    @api.depends("indicator", "breakdown")
    @api.depends_context("lang")
    def _compute_breakdown_name(self):
        """A satisfaction level's label or a tier's name for the raw key the SQL stored
        (a level code, a tier id)."""
        levels = dict(
            self.env["crm.satisfaction.entry"]._fields["level"]._description_selection(self.env)
        )
        tier_ids = {
            int(snapshot.breakdown)
            for snapshot in self
            if snapshot.breakdown and snapshot.breakdown.isdigit()
        }
        # sudo: names only, of the tiers whose figures the reader already sees: reached by
        # whoever reads the snapshots (sales managers, of their companies by the rule).
        tiers = self.env["crm.value.tier"].sudo().browse(tier_ids).exists()
        tier_names = {str(tier.id): tier.display_name for tier in tiers}
        for snapshot in self:
            key = snapshot.breakdown or ""
            names = levels if snapshot.indicator == "satisfaction" else tier_names
            snapshot.breakdown_name = names.get(key, key) or False
