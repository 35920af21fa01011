from odoo import api, fields, models


class CrmKpiTarget(models.Model):
    """The sales manager's target for an indicator, with the thresholds the dashboard
    colours a figure by: good, watch (from `watch_from`), bad (from `bad_from`); 'from'
    counts downwards when higher is better and upwards when lower is better."""

    _name = "crm.kpi.target"
    _description = "Customer KPI Target"
    _order = "company_id, team_id, indicator"

    indicator = fields.Selection(selection="_selection_indicator", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Empty: the target of the whole company and of every team without its own.",
    )
    target = fields.Float(help="The figure aimed at.")
    watch_from = fields.Float(help="From this figure on, the indicator needs watching.")
    bad_from = fields.Float(help="From this figure on, the indicator is bad.")
    higher_is_better = fields.Boolean(compute="_compute_higher_is_better")

    # NULLS NOT DISTINCT (PostgreSQL 15): a company's own target (no team) is one too;
    # plain unique() let two of them exist and the card took either.
    _sql_constraints = [
        (
            "target_unique",
            "unique nulls not distinct (indicator, company_id, team_id)",
            "An indicator has one target per company and sales team.",
        )
    ]

    @api.model
    def _selection_indicator(self):
        return [
            (ind["code"], ind["name"])
            for ind in self.env["crm.kpi.snapshot"]._kpi_indicators()
            if not ind["distribution"]
        ]

    @api.depends("indicator")
    def _compute_higher_is_better(self):
        higher = {
            ind["code"]: ind["higher_is_better"]
            for ind in self.env["crm.kpi.snapshot"]._kpi_indicators()
        }
        for target in self:
            target.higher_is_better = higher.get(target.indicator, True)

    @api.model
    def _status_for(self, indicator, value, company, team=False):
        """'good', 'watch' or 'bad' for `value` against the team's target, else the
        company's; False without a target."""
        if value is None:
            return False
        domain = [("indicator", "=", indicator), ("company_id", "=", company.id)]
        targets = self.search(
            [*domain, ("team_id", "in", [team.id if team else False, False])], order="id"
        )
        target = targets.filtered("team_id")[:1] or targets.filtered(lambda t: not t.team_id)[:1]
        if not target:
            return False
        sign = 1 if target.higher_is_better else -1
        if sign * value <= sign * target.bad_from:
            return "bad"
        if sign * value <= sign * target.watch_from:
            return "watch"
        return "good"
