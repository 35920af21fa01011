from odoo import api, fields, models
from odoo.tools import SQL

# A median cannot be pooled over several snapshots.
NOT_POOLED = ("resolve_hours_median",)


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
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # The readers' pivot and graph: a group's value is the indicator's figure over
        # its snapshots (_read_group_select), never a sum of rates or of unlike units.
        return super(CrmKpiSnapshot, self.with_context(kpi_pool_values=True)).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "value:sum" or not self.env.context.get("kpi_pool_values"):
            return super()._read_group_select(aggregate_spec, query)
        column = lambda name: self._field_to_sql(self._table, name, query)  # noqa: E731
        indicator, value = column("indicator"), column("value")
        numerator, denominator = column("numerator"), column("denominator")
        pooled = SQL(" ").join(
            SQL(
                "WHEN MIN(%s) = %s THEN %s * SUM(%s) / NULLIF(SUM(%s), 0)",
                indicator,
                code,
                scale,
                numerator,
                denominator,
            )
            for code, scale in self._kpi_pooled_scales().items()
        )
        # Several indicators in a group (of different units): no figure; one indicator
        # over several months, teams or companies: its rate or average pooled, its counts
        # and amounts added up.
        return SQL(
            """CASE WHEN COUNT(DISTINCT %(indicator)s) > 1 THEN NULL %(pooled)s
                    WHEN MIN(%(indicator)s) IN %(single)s AND COUNT(*) > 1 THEN NULL
                    ELSE SUM(%(value)s) END""",
            indicator=indicator,
            pooled=pooled,
            single=NOT_POOLED,
            value=value,
        )

    @api.model
    def _kpi_pooled_scales(self):
        """{indicator: scale} of the figures pooled over several snapshots from their
        numerators and denominators (a rate over a period, an average)."""
        scales = {
            ind["code"]: 100.0 if ind["unit"] == "percent" else 1.0
            for ind in self._kpi_indicators()
            if ind["unit"] in ("percent", "hours", "days") and not ind["distribution"]
        }
        scales["contacts_per_customer"] = 1.0
        for code in NOT_POOLED:
            scales.pop(code, None)
        return scales

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
