import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date
from odoo.tools.translate import code_translations

PERIODS = (1, 3, 6, 12)
TREND_MONTHS = 12
# Seed 000's five steps, drawn from the customer who works against us to the one who
# recruits others: red to green.
SATISFACTION_ORDER = ("angry", "dissatisfied", "satisfied", "happy", "delighted")
# Units whose monthly figures are averages or rates: several months are combined from the
# numerators and denominators, or averaged when a figure has none (a median).
AVERAGED_UNITS = ("percent", "hours", "days")
# Units whose figures add up over a month (a month-to-date figure is a part of the month's):
# judged against the target per month, the live month by the share of its days gone by.
FLOW_UNITS = ("count", "amount")


class CrmCustomerDashboard(models.AbstractModel):
    """The figures of the sales manager's dashboard, read from the KPI snapshots.

    Nothing is recomputed here: one grouped read of the snapshots of the shown months
    (crm_customer_kpi keeps them), combined in Python over a few thousand groups at most.
    """

    _name = "crm.customer.dashboard"
    _description = "Customer Dashboard"

    @api.model
    def get_dashboard_data(self, filters=None):
        scope = self._dashboard_scope(filters or {})
        indicators = self.env["crm.kpi.snapshot"]._kpi_indicators()
        cells = self._dashboard_read_cells(scope, [ind["code"] for ind in indicators])
        scales = self._dashboard_scales(indicators)
        denied = self._dashboard_denied()
        chosen = self.env["crm.customer.dashboard.preference"]._dashboard_codes()
        cards = [
            self._dashboard_card(scope, cells, scales, ind, denied)
            for ind in self._dashboard_chosen(indicators, chosen)
        ]
        distributions = [
            self._dashboard_distribution(scope, cells, ind)
            for ind in indicators
            if ind["distribution"]
        ]
        data = {
            "filters": self._dashboard_filter_values(scope),
            "options": self._dashboard_filter_options(scope),
            "months": [self._dashboard_month(scope, month) for month in scope["months"]],
            "currency_id": scope["status_company"].currency_id.id,
            "cards": [card for card in cards if card["group"] != "customers"],
            "customer_cards": [card for card in cards if card["group"] == "customers"],
            "satisfaction": self._dashboard_satisfaction(scope, distributions),
            "pyramid": self._dashboard_pyramid(scope, distributions),
            "teams": self._dashboard_team_comparison(scope, cells, scales, indicators),
            "live": self._dashboard_live(scope),
            # {indicator: why its records do not open for this reader}, for every figure
            # of it (cards, trend points, team cells)
            "denied": {code: why for code, (why, _short) in denied.items()},
            "choice": {
                "indicators": [
                    {"code": ind["code"], "name": ind["name"], "group": ind["group"]}
                    for ind in indicators
                    if not ind["distribution"]
                ],
                "chosen": chosen,
            },
        }
        return self._dashboard_marshallable(data)

    @api.model
    def _dashboard_chosen(self, indicators, chosen):
        """The indicators shown as cards: all of them in the KPI addon's order (they fit a
        laptop's first screen), or those the user chose, in their order."""
        cards = [ind for ind in indicators if not ind["distribution"]]
        if not chosen:
            return cards
        by_code = {ind["code"]: ind for ind in cards}
        return [by_code[code] for code in chosen if code in by_code]

    @api.model
    def set_dashboard_indicators(self, codes, filters=None):
        """Keep the user's choice and order of indicators (an empty list: all of them)
        and return the dashboard drawn with it."""
        known = {
            ind["code"]
            for ind in self.env["crm.kpi.snapshot"]._kpi_indicators()
            if not ind["distribution"]
        }
        kept = []
        for code in codes or []:
            if code in known and code not in kept:
                kept.append(code)
        self.env["crm.customer.dashboard.preference"]._dashboard_set_codes(kept)
        return self.get_dashboard_data(filters)

    @api.model
    def _dashboard_marshallable(self, data):
        """The figures with False where a figure is missing: XML-RPC has no None (an
        integration reading the dashboard got "cannot marshal None"), and JSON-RPC
        readers get the same answer."""
        if isinstance(data, dict):
            return {key: self._dashboard_marshallable(value) for key, value in data.items()}
        if isinstance(data, list | tuple):
            return [self._dashboard_marshallable(value) for value in data]
        return False if data is None else data

    # Scope: which companies, team and months the manager asked for -----------------------

    @api.model
    def _dashboard_scope(self, filters):
        snapshots = self.env["crm.kpi.snapshot"]
        # Salespeople have no access to the snapshots: they get the AccessError here, before
        # anything is read.
        snapshots.check_access("read")
        companies = self._dashboard_companies(filters.get("company_id"))
        team = self.env["crm.team"]
        if filters.get("team_id"):
            team = team.browse(int(filters["team_id"])).exists()
        available = sorted(
            month
            for [month] in snapshots._read_group(
                [("company_id", "in", companies.ids)], ["month:day"]
            )
        )
        wanted = fields.Date.to_date(filters.get("month")) if filters.get("month") else None
        selected = wanted if wanted in available else (available[-1] if available else None)
        months = [month for month in available if selected and month <= selected]
        months = months[-TREND_MONTHS:]
        period = int(filters.get("period") or 1)
        period = period if period in PERIODS else 1
        # Targets are per company: with several companies the one the manager works in
        # (the first of the switcher) colours the figures.
        status_company = self.env.company if self.env.company in companies else companies[:1]
        return {
            "companies": companies,
            "team": team,
            "available": available,
            "month": selected,
            "months": months,
            "period": period,
            "period_months": months[-period:],
            "status_company": status_company,
        }

    @api.model
    def _dashboard_companies(self, company_id):
        """The companies of the switcher, or one of them; never another one."""
        allowed = self.env.companies
        if not company_id:
            return allowed
        company = self.env["res.company"].browse(int(company_id))
        if company not in allowed:
            raise AccessError(self.env._("You cannot see the figures of this company."))
        return company

    # One grouped read of the snapshots ----------------------------------------------------

    @api.model
    def _dashboard_read_cells(self, scope, codes):
        """{(month, team id or 0, indicator, breakdown or ""): figures summed over companies}

        Amounts are stored in their company's currency: each company's are converted into
        the currency the dashboard shows (the status company's) before they are added, at
        the rate of the month's last day (``_dashboard_rate``). A cell holding an amount
        whose rate is missing has no figure (``no_rate``) and says why (``reasons``)."""
        cells = {}
        if not scope["months"]:
            return cells
        amount_codes = {
            ind["code"]
            for ind in self.env["crm.kpi.snapshot"]._kpi_indicators()
            if ind["unit"] == "amount"
        }
        groups = self.env["crm.kpi.snapshot"]._read_group(
            [
                ("company_id", "in", scope["companies"].ids),
                ("month", "in", scope["months"]),
                ("indicator", "in", codes),
            ],
            ["month:day", "company_id", "team_id", "indicator", "breakdown", "state"],
            [
                "value:sum",
                "numerator:sum",
                "denominator:sum",
                "__count",
                "unavailable_reason:array_agg",
            ],
        )
        rates = {}
        for month, company, team, code, breakdown, state, value, num, den, count, reasons in groups:
            key = (month, team.id or 0, code, breakdown or "")
            cell = cells.setdefault(
                key,
                {
                    "value": 0.0,
                    "num": 0.0,
                    "den": 0.0,
                    "count": 0,
                    "measured": 0,
                    "reasons": [],
                    "no_rate": False,
                },
            )
            if state == "unavailable":
                cell["reasons"] += [reason for reason in reasons or [] if reason]
                continue
            value, num = value or 0.0, num or 0.0
            if code in amount_codes and (value or num):
                if (company, month) not in rates:
                    rates[company, month] = self._dashboard_rate(scope, company, month)
                rate, missing = rates[company, month]
                if missing:
                    cell["no_rate"] = True
                    if missing not in cell["reasons"]:
                        cell["reasons"].append(missing)
                elif rate != 1.0:
                    # An amount's numerator is an amount too; its denominator (if an
                    # indicator ever has one) would be a count: left as it is.
                    value, num = value * rate, num * rate
            cell["value"] += value
            cell["num"] += num
            cell["den"] += den or 0.0
            cell["count"] += count
            cell["measured"] += count
        return cells

    @api.model
    def _dashboard_rate_date(self, company, month):
        """The day whose rate converts the amounts of the company's month: its last day
        (the month's flows are added up by then, and a tier's value is a state at the
        month's end), or the company's today while the month is live (no rate of a day to
        come). A closed month keeps its figure whatever the rates do later."""
        month_end = company._kpi_next_month_start(month) - datetime.timedelta(days=1)
        return min(month_end, self.env["crm.kpi.snapshot"]._kpi_today(company))

    @api.model
    def _dashboard_rate(self, scope, company, month):
        """(factor, False) turning the company's amounts of the month into the dashboard's
        currency with Odoo's rates (those of the company the dashboard shows the currency
        of), or (None, why) when a rate is missing: ``res.currency._convert`` would count
        a currency without a rate at 1.0, silently."""
        to_company = scope["status_company"]
        from_currency, to_currency = company.currency_id, to_company.currency_id
        if from_currency == to_currency:
            return 1.0, False
        date = self._dashboard_rate_date(company, month)
        root = to_company.root_id
        Rate = self.env["res.currency.rate"].sudo()
        for currency in from_currency | to_currency:
            # Odoo's rates are per unit of the root company's currency: it needs none.
            if currency == root.currency_id:
                continue
            has_rate = Rate.search_count(
                [
                    ("currency_id", "=", currency.id),
                    ("name", "<=", date),
                    ("company_id", "in", [False, root.id]),
                ],
                limit=1,
            )
            if not has_rate:
                return None, self.env._(
                    "No %(currency)s exchange rate on %(date)s",
                    currency=currency.name,
                    date=format_date(self.env, date),
                )
        return from_currency._convert(1.0, to_currency, to_company, date, round=False), False

    @api.model
    def _dashboard_scales(self, indicators):
        """How each indicator's value relates to numerator / denominator, by its unit: a
        percentage is 100 times its ratio, any other ratio (contacts per customer) the
        ratio itself. Needed to combine rates over companies and months from their
        numerators and denominators."""
        return {ind["code"]: 100.0 if ind["unit"] == "percent" else 1.0 for ind in indicators}

    # Combining figures ------------------------------------------------------------------

    @api.model
    def _dashboard_month_value(self, cell, unit, scale):
        """One month's figure from the snapshots of one or more companies."""
        if not cell or not cell["measured"] or cell["no_rate"]:
            return None
        if cell["count"] == 1:
            return cell["value"]
        if cell["den"]:
            return cell["num"] / cell["den"] * scale
        if unit in AVERAGED_UNITS:
            return cell["value"] / cell["count"]
        return cell["value"]

    @api.model
    def _dashboard_period_value(self, month_cells, unit, scale):
        """The figure of several months: rates from their summed numerators and
        denominators, counts and amounts summed, a figure without them averaged. An
        amount missing a rate in one of the months leaves the period without a figure."""
        if any(cell and cell["no_rate"] for cell in month_cells):
            return None
        month_cells = [cell for cell in month_cells if cell and cell["measured"]]
        if not month_cells:
            return None
        if len(month_cells) == 1:
            return self._dashboard_month_value(month_cells[0], unit, scale)
        if all(cell["den"] for cell in month_cells):
            num = sum(cell["num"] for cell in month_cells)
            den = sum(cell["den"] for cell in month_cells)
            return num / den * scale
        values = [self._dashboard_month_value(cell, unit, scale) for cell in month_cells]
        if unit in AVERAGED_UNITS:
            return sum(values) / len(values)
        return sum(values)

    # Cards --------------------------------------------------------------------------------

    @api.model
    def _dashboard_card(self, scope, cells, scales, indicator, denied):
        code, unit = indicator["code"], indicator["unit"]
        team_key = scope["team"].id or 0
        scale = scales.get(code, 1.0)
        period_cells = [cells.get((m, team_key, code, "")) for m in scope["period_months"]]
        value = self._dashboard_period_value(period_cells, unit, scale)
        reasons = [reason for cell in period_cells if cell for reason in cell["reasons"]]
        trend = [
            self._dashboard_month_value(cells.get((m, team_key, code, "")), unit, scale)
            for m in scope["months"]
        ]
        judged = self._dashboard_judged_value(scope, value, unit, period_cells)
        return {
            **indicator,
            "value": value,
            "state": "measured" if value is not None else ("unavailable" if reasons else "empty"),
            "reason": self._dashboard_reason(reasons[0]) if value is None and reasons else False,
            "status": self._dashboard_status(scope, code, judged, scope["team"]),
            "trend": trend,
            "basis": self._dashboard_basis().get(code, ""),
            # the records behind the figure, when the reader may not open them: why, and
            # the same in a few words for the card
            "denied": denied[code][0] if code in denied else False,
            "denied_short": denied[code][1] if code in denied else False,
        }

    @api.model
    def _dashboard_judged_value(self, scope, value, unit, month_cells):
        """The figure a target judges. Targets are monthly: a count or an amount of
        several months is judged per month, and the live month by the share of its days
        gone by (12 orders on the 7th of a 30-day month are judged as 12 x 30 / 7), so
        that a month-to-date figure is not red for being a part of a month. Rates,
        averages and ratios (those with a denominator) are judged as they are."""
        if value is None or unit not in FLOW_UNITS:
            return value
        if any(cell and cell["den"] for cell in month_cells):
            return value
        months = sum(self._dashboard_month_share(scope, month) for month in scope["period_months"])
        return value / months if months else value

    @api.model
    def _dashboard_month_share(self, scope, month):
        """The share of the month gone by in the company's calendar and time zone: 1 for
        a month that has ended, day / days for the live month."""
        company = scope["status_company"]
        if not company:
            return 1.0
        today = self.env["crm.kpi.snapshot"]._kpi_today(company)
        end = company._kpi_next_month_start(month)
        if today >= end:
            return 1.0
        days = (end - month).days
        return min(max((today - month).days + 1, 1), days) / days

    # The live month: as of when, and its refresh -----------------------------------------

    @api.model
    def _dashboard_live(self, scope):
        """Whether the chosen month is live (recomputed by each refresh, still in
        progress), which day of it the company is at, and as of when its figures are:
        the oldest of the shown companies' last refreshes."""
        groups = self.env["crm.kpi.snapshot"]._read_group(
            [("company_id", "in", scope["companies"].ids), ("is_live", "=", True)],
            ["company_id", "month:day"],
            ["write_date:max"],
        )
        month = scope["month"]
        refreshed = [at for _company, day, at in groups if day == month and at]
        if not month or not refreshed:
            return {"is_live": False, "as_of": False, "day": 0, "days": 0}
        company = scope["status_company"]
        today = self.env["crm.kpi.snapshot"]._kpi_today(company)
        days = (company._kpi_next_month_start(month) - month).days
        return {
            "is_live": True,
            "as_of": fields.Datetime.to_string(min(refreshed)),
            "day": min(max((today - month).days + 1, 1), days),
            "days": days,
        }

    @api.model
    def action_refresh_live_month(self, filters=None):
        """Recompute the live month of the shown companies (the KPI addon's own refresh,
        for one month: seconds, within a web request's time limit) and return the
        dashboard's figures. A month that ended since the last refresh is still stored as
        live: it is recomputed with it, to keep its final figures. Earlier months and the
        full refresh stay with the scheduled action and the configuration menu."""
        scope = self._dashboard_scope(filters or {})
        snapshots = self.env["crm.kpi.snapshot"]
        months = 1
        for company in scope["companies"]:
            start = company._kpi_month_start(snapshots._kpi_today(company))
            ended = [
                ("company_id", "=", company.id),
                ("is_live", "=", True),
                ("month", "<", start),
            ]
            if snapshots.search_count(ended, limit=1):
                months = 2
        snapshots.refresh_snapshots(months=months, company_ids=scope["companies"].ids)
        return self.get_dashboard_data(filters)

    @api.model
    def _dashboard_basis(self):
        """What a card's amount counts, said beside it: its drill-down list sums the same."""
        return {"sales_amount": self.env._("untaxed")}

    @api.model
    def _dashboard_reason(self, reason):
        """The KPI refresh (a cron, in English) stores why a figure is missing in its own
        language; the reader gets it in theirs, from the KPI addon's translations."""
        lang = self.env.lang or "en_US"
        translations = code_translations.get_python_translations("crm_customer_kpi", lang)
        return translations.get(reason, reason)

    @api.model
    def _dashboard_status(self, scope, code, value, team, company=None):
        company = company or scope["status_company"]
        if value is None or not company:
            return False
        return self.env["crm.kpi.target"]._status_for(code, value, company, team or False)

    # Distributions: satisfaction levels and value tiers --------------------------------

    @api.model
    def _dashboard_distribution(self, scope, cells, indicator):
        """A distribution is a state at the end of a month (customers per level or tier),
        so the selected month's figures are shown; its trend is per month."""
        code = indicator["code"]
        team_key = scope["team"].id or 0
        per_month = defaultdict(dict)
        for (month, team, cell_code, breakdown), cell in cells.items():
            if cell_code == code and team == team_key and breakdown and cell["measured"]:
                per_month[month][breakdown] = self._dashboard_month_value(
                    cell, indicator["unit"], 1.0
                )
        keys = {key for values in per_month.values() for key in values}
        if keys and keys <= set(SATISFACTION_ORDER):
            kind = "satisfaction"
        elif keys and all(key.isdigit() for key in keys):
            kind = "tier"
        else:
            kind = "other"
        return {
            **indicator,
            "kind": kind,
            "values": per_month.get(scope["month"], {}),
            "per_month": per_month,
        }

    @api.model
    def _dashboard_satisfaction(self, scope, distributions):
        found = next((d for d in distributions if d["kind"] == "satisfaction"), None)
        if not found:
            return False
        labels = dict(
            self.env["crm.satisfaction.entry"]._fields["level"]._description_selection(self.env)
        )
        levels = [
            {"key": key, "label": labels.get(key, key), "value": found["values"].get(key, 0)}
            for key in SATISFACTION_ORDER
        ]
        trend = [
            {key: found["per_month"].get(month, {}).get(key, 0) for key in SATISFACTION_ORDER}
            for month in scope["months"]
        ]
        return {
            "code": found["code"],
            "name": found["name"],
            "levels": levels,
            "total": sum(level["value"] for level in levels),
            "trend": trend,
        }

    @api.model
    def _dashboard_pyramid(self, scope, distributions):
        """Tiers from the top (narrowest) down, with every per-tier figure of the month."""
        measures = [d for d in distributions if d["kind"] == "tier"]
        if not measures:
            return False
        tier_ids = {int(key) for d in measures for key in d["values"]}
        tiers = self.env["crm.value.tier"].with_context(active_test=False).browse(tier_ids)
        tiers = tiers.exists().sorted(lambda tier: (tier.sequence, tier.id))
        return {
            "measures": [
                {"code": d["code"], "name": d["name"], "unit": d["unit"]} for d in measures
            ],
            "tiers": [
                {
                    "id": tier.id,
                    "name": tier.name,
                    "values": {d["code"]: d["values"].get(str(tier.id), 0) for d in measures},
                }
                for tier in tiers
            ],
        }

    # Teams side by side -----------------------------------------------------------------

    @api.model
    def _dashboard_team_comparison(self, scope, cells, scales, indicators):
        period = set(scope["period_months"])
        team_ids = sorted({key[1] for key in cells if key[1] and key[0] in period})
        teams = self.env["crm.team"].with_context(active_test=False).browse(team_ids)
        rows = []
        for indicator in indicators:
            if indicator["distribution"]:
                continue
            code, unit = indicator["code"], indicator["unit"]
            values = []
            for team in teams:
                month_cells = [cells.get((m, team.id, code, "")) for m in scope["period_months"]]
                value = self._dashboard_period_value(month_cells, unit, scales.get(code, 1.0))
                judged = self._dashboard_judged_value(scope, value, unit, month_cells)
                company = team.company_id if team.company_id in scope["companies"] else None
                values.append(
                    {
                        "team_id": team.id,
                        "value": value,
                        "status": self._dashboard_status(scope, code, judged, team, company),
                    }
                )
            rows.append({**indicator, "values": values})
        return {
            "teams": [{"id": team.id, "name": team.name} for team in teams],
            "rows": rows,
        }

    # Filters ------------------------------------------------------------------------------

    @api.model
    def _dashboard_month(self, scope, month):
        return {
            "value": fields.Date.to_string(month),
            "label": self._dashboard_month_label(scope["status_company"], month),
        }

    @api.model
    def _dashboard_month_label(self, company, month):
        """The month's name as the company counts its months: the company's hook names it
        in the reader's language, and a calendar addon (Jalali months) overrides the hook,
        so the dashboard names the months the KPI refresh stored."""
        return company._kpi_month_label(month)

    @api.model
    def _dashboard_filter_values(self, scope):
        return {
            "month": scope["month"] and fields.Date.to_string(scope["month"]),
            "period": scope["period"],
            "team_id": scope["team"].id or False,
            "company_id": scope["companies"].id if len(scope["companies"]) == 1 else False,
        }

    @api.model
    def _dashboard_filter_options(self, scope):
        companies = self.env.companies
        teams = self.env["crm.team"].search(
            [("company_id", "in", [*scope["companies"].ids, False])]
        )
        return {
            "months": [self._dashboard_month(scope, m) for m in reversed(scope["available"])],
            "periods": list(PERIODS),
            "teams": [{"id": team.id, "name": team.name} for team in teams],
            "companies": [{"id": c.id, "name": c.name} for c in companies]
            if len(companies) > 1
            else [],
        }
