"""Refreshing the snapshots: which months to compute, the month ranges every indicator is
bucketed by, and storing the figures. The indicators themselves are computed by the
`_kpi_compute_*` methods of the other files, each with a few grouped SQL queries."""

import datetime

from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .kpi_indicators import INDICATORS

# Months before a month's start that retention looks back: the year up to the month's end
# against the year before it.
YEAR = 12


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    # Entry points ---------------------------------------------------------------------

    # Who reaches what: refresh_snapshots, action_refresh_now, action_rebuild and
    # action_open_records are public (RPC). Each lets in sales managers only
    # (_kpi_check_manager, or the read right on the snapshots) and only for the companies
    # they are allowed in (_kpi_check_companies); the superuser (the scheduled action)
    # passes both. The SQL below and the sudo reads it makes (sales teams, installed
    # modules) run only past those doors.

    @api.model
    def refresh_snapshots(self, months=24, company_ids=None, rebuild=False):
        """Compute the completed months that have no snapshot yet (all of them when
        `rebuild`) and the live month, for the last `months` months of each company.

        A sales manager refreshes only companies they are allowed in (AccessError for
        any other); without `company_ids`, the companies active in their session."""
        self._kpi_check_manager()
        companies = (
            self.env["res.company"].browse(company_ids) if company_ids else self.env.companies
        )
        self._kpi_check_companies(companies)
        ranges = [
            r
            for company in companies
            for r in self._kpi_ranges(company, self._kpi_today(company), months)
        ]
        if not rebuild:
            frozen = self._kpi_frozen_months(companies)
            ranges = [r for r in ranges if r["live"] or (r["company_id"], r["month"]) not in frozen]
        if not ranges:
            return 0
        return self._kpi_store(ranges, self._kpi_compute(ranges))

    @api.model
    def _cron_refresh_snapshots(self):
        # sudo: the scheduled action (OdooBot) refreshes every company, whoever it runs as.
        companies = self.env["res.company"].sudo().search([])
        self.sudo().refresh_snapshots(company_ids=companies.ids)

    @api.model
    def action_refresh_now(self):
        self.refresh_snapshots()
        return self._kpi_notification(self.env._("The customer KPIs are up to date."))

    @api.model
    def action_rebuild(self):
        self.refresh_snapshots(rebuild=True)
        return self._kpi_notification(
            self.env._("Every month of the customer KPIs was computed again.")
        )

    @api.model
    def _kpi_notification(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _kpi_check_manager(self):
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        raise AccessError(self.env._("Only sales managers can refresh the customer KPIs."))

    @api.model
    def _kpi_check_companies(self, companies):
        """The door of every public entry point taking companies: the user may act on the
        companies they are allowed in (res.users.company_ids, as Odoo checks the
        allowed_company_ids of a session), never on another's, whatever ids they pass.
        The superuser (the scheduled action) acts on all."""
        if self.env.su:
            return
        # Not named in the message: the name of a company one is not in is not theirs
        # to read.
        if companies - self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You can refresh or open the customer KPIs only of the companies you "
                    "are allowed in."
                )
            )

    # Months -----------------------------------------------------------------------------

    @api.model
    def _kpi_today(self, company, now=None):
        """The company's today (in its time zone; at the UTC moment `now`, else now): a
        month is live until it ends there."""
        local = self.with_context(tz=company._kpi_timezone())
        return fields.Date.context_today(local, timestamp=now)

    @api.model
    def _kpi_bounds(self, company, start):
        """The bounds of the company's month starting on the day `start`: its days
        (date_from included, date_to excluded), for the sources whose moment is a date
        (an invoice date: already a day of the company), and the UTC moments its first
        and next month's first day start at in the company's time zone (at_from, at_to),
        for those whose moment is a datetime (stored in UTC)."""
        end = company._kpi_next_month_start(start)
        return {
            "date_from": start,
            "date_to": end,
            "at_from": company._kpi_day_start(start),
            "at_to": company._kpi_day_start(end),
        }

    @api.model
    def _kpi_ranges(self, company, today, months):
        """The company's last `months` months, oldest first, each with the bounds the
        indicators bucket by; the company's calendar cuts them (Jalali or Gregorian)."""
        starts = [company._kpi_month_start(today)]
        for _index in range(months - 1 + 2 * YEAR):
            starts.insert(0, company._kpi_month_start(starts[0] - datetime.timedelta(days=1)))
        ranges = []
        for index in range(2 * YEAR, len(starts)):
            start = starts[index]
            ranges.append(
                {
                    "company_id": company.id,
                    "month": start,
                    **self._kpi_bounds(company, start),
                    # retention: bought in the year before (prev_from..year_from) and again
                    # in the year up to this month's end (year_from..date_to)
                    "year_from": starts[index - YEAR + 1],
                    "prev_from": starts[index - 2 * YEAR + 1],
                    "live": index == len(starts) - 1,
                }
            )
        return ranges

    @api.model
    def _kpi_frozen_months(self, companies):
        """(company id, month) stored and no longer live."""
        self.env["crm.kpi.snapshot"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT company_id, month FROM crm_kpi_snapshot WHERE company_id = ANY(%s)
                    GROUP BY company_id, month HAVING NOT BOOL_OR(COALESCE(is_live, FALSE))""",
                companies.ids,
            )
        )
        return set(self.env.cr.fetchall())

    # Computing ---------------------------------------------------------------------------

    @api.model
    def _kpi_compute(self, ranges):
        """{(company id, month, team id or False, indicator, breakdown or False):
        (value, numerator, denominator)} plus the unavailable ones, for the given ranges."""
        self.env.flush_all()
        ctx = self._kpi_context(ranges)
        figures = {}
        for compute in self._kpi_computers():
            figures.update(compute(ctx))
        unavailable = self._kpi_unavailable()
        self._kpi_fill_zeros(ranges, figures, unavailable)
        return figures, unavailable

    @api.model
    def _kpi_computers(self):
        """The methods computing the indicators; each returns figures like _kpi_compute."""
        return [
            self._kpi_compute_sales,
            self._kpi_compute_complaints,
            self._kpi_compute_service,
            self._kpi_compute_contacts,
            self._kpi_compute_marketing,
            self._kpi_compute_customers,
        ]

    @api.model
    def _kpi_unavailable(self):
        """{indicator: reason} for the indicators whose module is not installed."""
        return {}

    @api.model
    def _kpi_context(self, ranges):
        values = SQL(", ").join(
            SQL(
                "(%s, %s::date, %s::date, %s::date, %s::date, %s::date, %s::timestamp,"
                " %s::timestamp)",
                r["company_id"],
                r["month"],
                r["date_from"],
                r["date_to"],
                r["year_from"],
                r["prev_from"],
                r["at_from"],
                r["at_to"],
            )
            for r in ranges
        )
        company_ids = sorted({r["company_id"] for r in ranges})
        companies = self.env["res.company"].browse(company_ids)
        return {
            "ranges": SQL(
                "r(company_id, month, date_from, date_to, year_from, prev_from, at_from, at_to)"
                " AS (VALUES %s)",
                values,
            ),
            # what the sources may select: moments (UTC datetimes) from at_lo to at_hi,
            # days (dates) from day_lo to day_hi
            "at_lo": min(r["at_from"] for r in ranges),
            "at_hi": max(r["at_to"] for r in ranges),
            "day_lo": min(r["date_from"] for r in ranges),
            "day_hi": max(r["date_to"] for r in ranges),
            "company_ids": company_ids,
            # the company's time zone, for the rules counting its calendar days
            "zones": SQL(
                "(VALUES %s) AS z(company_id, tz)",
                SQL(", ").join(SQL("(%s, %s)", c.id, c._kpi_timezone()) for c in companies),
            ),
            # records no company can be told from (a shared customer without salesperson,
            # a mailing to a list) count in the first company
            "default_company": min(company_ids),
        }

    @api.model
    def _kpi_grouped(
        self, ctx, src, aggregates, bucketed=False, breakdown=False, where=None, by_day=False
    ):
        """Run `aggregates` over `src`, per company and month, both per team and for the
        company as a whole (one query, grouping sets). `src` selects company_id, team_id
        and `at`, the moment (a UTC datetime) that puts a record in the month of its day
        in the company's time zone (r.at_from..r.at_to), or, when `by_day`, `day`, the
        date that does (r.date_from..r.date_to: a date is a day of the company already);
        or, when `bucketed`, already company_id and month (it may join the ranges `r`
        itself: r.at_from/r.at_to for datetimes, r.date_from/r.date_to for dates). With
        `breakdown`, `src` selects a breakdown too, kept apart in both groupings.

        Returns [(company id, month, team id or False, breakdown or False, *aggregates)].
        Records without a team count in the company's row only."""
        inner = self._kpi_bucket(src, bucketed, by_day)
        keys = (
            SQL("b.company_id, b.month, b.breakdown") if breakdown else SQL("b.company_id, b.month")
        )
        query = SQL(
            """
            WITH %(ranges)s
            SELECT b.company_id, b.month, b.team_id, GROUPING(b.team_id) = 1, %(bd)s, %(aggs)s
              FROM (%(inner)s) b
             WHERE %(where)s
             GROUP BY GROUPING SETS ((%(keys)s, b.team_id), (%(keys)s))
            """,
            ranges=ctx["ranges"],
            bd=SQL("b.breakdown") if breakdown else SQL("NULL"),
            aggs=SQL(", ").join(aggregates),
            inner=inner,
            where=where or SQL("TRUE"),
            keys=keys,
        )
        self.env.cr.execute(query)
        result = []
        for company_id, month, team_id, total, bd, *aggs in self.env.cr.fetchall():
            if not total and not team_id:
                continue
            result.append((company_id, month, False if total else team_id, bd or False, *aggs))
        return result

    @api.model
    def _kpi_bucket(self, src, bucketed=False, by_day=False):
        """`src` with the month each of its rows counts in (see _kpi_grouped): the one
        selection the figures aggregate and the drill-down lists (_kpi_source_ids)."""
        if bucketed:
            return src
        within = (
            SQL("s.day >= r.date_from AND s.day < r.date_to")
            if by_day
            else SQL("s.at >= r.at_from AND s.at < r.at_to")
        )
        return SQL(
            "SELECT r.month, s.* FROM r JOIN (%s) s ON s.company_id = r.company_id AND %s",
            src,
            within,
        )

    @api.model
    def _kpi_source_ids(
        self,
        ctx,
        src,
        company_id,
        month,
        team_id=False,
        breakdown=False,
        where=None,
        bucketed=False,
        by_day=False,
    ):
        """The `record_id`s `src` selects for one company's month (and team, and
        breakdown): exactly the rows _kpi_grouped aggregates into that figure."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """WITH %(ranges)s
                   SELECT DISTINCT b.record_id FROM (%(inner)s) b
                    WHERE b.company_id = %(company)s AND b.month = %(month)s AND %(team)s
                      AND %(breakdown)s AND %(where)s AND b.record_id IS NOT NULL""",
                ranges=ctx["ranges"],
                inner=self._kpi_bucket(src, bucketed, by_day),
                company=company_id,
                month=month,
                team=SQL("b.team_id = %s", team_id) if team_id else SQL("TRUE"),
                breakdown=SQL("b.breakdown = %s", breakdown) if breakdown else SQL("TRUE"),
                where=where or SQL("TRUE"),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _kpi_company_teams(self, company_ids):
        """{company id: [team ids]}: the sales teams each company's figures have a row
        for: its own teams and the teams without a company (they sell for every one)."""
        # sudo: the teams of the refreshed companies, past refresh_snapshots' doors
        # (a sales manager of those companies, or the scheduled action).
        teams = (
            self.env["crm.team"]
            .sudo()
            .with_context(active_test=False)
            .search_read([("company_id", "in", [*company_ids, False])], ["company_id"])
        )
        return {
            company_id: [
                team["id"]
                for team in teams
                if not team["company_id"] or team["company_id"][0] == company_id
            ]
            for company_id in set(company_ids)
        }

    @api.model
    def _kpi_fill_zeros(self, ranges, figures, unavailable):
        """A count or amount with nothing to count is a measured zero, for the company and
        each of its sales teams; a rate without a denominator stays empty."""
        codes = [
            code
            for code, _group, unit, _higher, distribution in INDICATORS
            if unit in ("count", "amount")
            and not distribution
            and code not in unavailable
            and code != "contacts_per_customer"
        ]
        team_ids = self._kpi_company_teams([r["company_id"] for r in ranges])
        for r in ranges:
            for team_id in [False, *team_ids.get(r["company_id"], [])]:
                for code in codes:
                    figures.setdefault(
                        (r["company_id"], r["month"], team_id, code, False), (0.0, 0.0, 0.0)
                    )

    # Storing -------------------------------------------------------------------------------

    @api.model
    def _kpi_store(self, ranges, computed):
        figures, unavailable = computed
        cr = self.env.cr
        cr.execute(
            SQL(
                "DELETE FROM crm_kpi_snapshot s USING (VALUES %s) AS d(company_id, month)"
                " WHERE s.company_id = d.company_id AND s.month = d.month",
                SQL(", ").join(SQL("(%s, %s::date)", r["company_id"], r["month"]) for r in ranges),
            )
        )
        live = {(r["company_id"], r["month"]) for r in ranges if r["live"]}
        uid, now = self.env.uid, fields.Datetime.now()
        rows = [
            (
                month,
                company_id,
                team_id or None,
                code,
                breakdown or None,
                float(value or 0),
                float(num or 0),
                float(den or 0),
                "measured",
                None,
                (company_id, month) in live,
                uid,
                now,
                uid,
                now,
            )
            for (company_id, month, team_id, code, breakdown), (value, num, den) in figures.items()
        ]
        rows += self._kpi_unavailable_rows(ranges, unavailable, live, uid, now)
        execute_values(
            cr._obj,
            """INSERT INTO crm_kpi_snapshot (month, company_id, team_id, indicator, breakdown,
               value, numerator, denominator, state, unavailable_reason, is_live,
               create_uid, create_date, write_uid, write_date) VALUES %s""",
            rows,
            page_size=5000,
        )
        self.env.invalidate_all()
        return len(rows)

    @api.model
    def _kpi_unavailable_rows(self, ranges, unavailable, live, uid, now):
        if not unavailable:
            return []
        teams = self._kpi_company_teams([r["company_id"] for r in ranges])
        rows = []
        for r in ranges:
            team_ids = [None, *teams[r["company_id"]]]
            for code, reason in unavailable.items():
                rows += [
                    (
                        r["month"],
                        r["company_id"],
                        team_id,
                        code,
                        None,
                        0.0,
                        0.0,
                        0.0,
                        "unavailable",
                        reason,
                        (r["company_id"], r["month"]) in live,
                        uid,
                        now,
                        uid,
                        now,
                    )
                    for team_id in team_ids
                ]
        return rows
