"""The set-based recompute of customer values: a few SQL statements per company.

1. aggregate posted invoice lines per customer (one GROUP BY over account_move_line);
2. apply the lifetime-value formula to each aggregated row and COPY the rows into a
   temporary table;
3. score recency, frequency and spend by quintile and place each customer in the pyramid
   with window functions;
4. upsert the results, record tier moves, then tell people about the moves (chatter, an
   activity when a customer drops a tier).

Nothing here reads one customer's invoices at a time; see bench/value_recompute.py.
"""

import io
import logging
import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .value_formula import annual_margin, lifetime_value

_logger = logging.getLogger(__name__)

LOCK_KEY = 51_873  # pg advisory lock namespace of this addon (any constant)
TIER_DROP_ACTIVITY = "crm_customer_value.mail_activity_type_tier_drop"
NEW_VALUE_COLUMNS = (
    "partner_id",
    "revenue",
    "margin",
    "clv",
    "first_date",
    "last_date",
    "recency_days",
    "frequency",
    "monetary",
)


class CrmCustomerValue(models.Model):
    _inherit = "crm.customer.value"

    # ------------------------------------------------------------------ entry points

    @api.model
    def _cron_recompute_values(self):
        companies = self.env["res.company"].search([])
        for done, company in enumerate(companies, start=1):
            self._recompute_company(company)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(companies) - done)

    @api.model
    def _recompute_company(self, company, partner_ids=None):
        """Recompute the values of a company's customers, all of them or only `partner_ids`.

        The others keep their stored values and still count in the quintiles and shares.
        Returns {"count": customers written, "changed": customers that changed tier}.
        """
        incremental = partner_ids is not None
        if incremental and not partner_ids:
            return {"count": 0, "changed": 0}
        self.env.flush_all()
        if not self._lock_company(company):
            if not incremental:
                raise UserError(
                    self.env._("Customer values of %s are being recomputed already.", company.name)
                )
            # A full run holds the lock: let the cron run again right after it.
            self.env.ref("crm_customer_value.ir_cron_recompute_values")._trigger()
            return {"count": 0, "changed": 0}
        settings = self._value_settings(company)
        rows = self._aggregate_money(company, settings, partner_ids)
        self._load_new_values(settings, rows)
        self._score_and_tier(company, settings, incremental=incremental)
        changes = self._store_values(company, full=not incremental)
        self.env.invalidate_all()
        self._announce_tier_changes(company, changes)
        _logger.info(
            "customer values of %s: %s customers, %s tier changes",
            company.name,
            len(rows),
            len(changes),
        )
        return {"count": len(rows), "changed": len(changes)}

    # ------------------------------------------------------------------ steps

    def _lock_company(self, company):
        """One recompute per company at a time; the lock ends with the transaction."""
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LOCK_KEY, company.id))
        return self.env.cr.fetchone()[0]

    def _value_settings(self, company):
        today = fields.Date.context_today(self.with_company(company))
        tiers = self.env["crm.value.tier"].sudo()._tiers_for_company(company)
        return {
            "today": today,
            "window_start": today - timedelta(days=company.value_window_days or 365),
            "discount_rate": company.value_discount_rate / 100.0,
            "horizon_years": company.value_horizon_years,
            "retention_rate": company.value_retention_rate / 100.0,
            "yearly_cost": company.value_yearly_retention_cost,
            "use_cost": company.value_margin_source == "cost",
            "margin_rate": company.value_margin_rate / 100.0,
            "method": company.value_tier_method,
            "tiers": tiers,
        }

    def _aggregate_money(self, company, settings, partner_ids):
        """One row per customer: revenue, margin, dates, frequency, spend, yearly cost."""
        only_partners = SQL("AND aml.partner_id = ANY(%s)", partner_ids) if partner_ids else SQL("")
        only_customers = SQL("AND p.id = ANY(%s)", partner_ids) if partner_ids else SQL("")
        company_key = str(company.id)
        query = SQL(
            """
            WITH lines AS (
                SELECT aml.partner_id,
                       -aml.balance AS revenue,
                       aml.date,
                       aml.move_id,
                       am.move_type = 'out_invoice' AS is_invoice,
                       CASE WHEN %(use_cost)s
                                 AND (pp.standard_price ->> %(company_key)s)::numeric > 0
                            THEN -aml.balance - SIGN(-aml.balance) * ABS(aml.quantity)
                                 * (pp.standard_price ->> %(company_key)s)::numeric
                            ELSE -aml.balance * %(margin_rate)s
                       END AS margin
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
             LEFT JOIN product_product pp ON pp.id = aml.product_id
                 WHERE aml.company_id = %(company_id)s
                   AND aml.parent_state = 'posted'
                   AND aml.display_type = 'product'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND aml.partner_id IS NOT NULL
                   %(only_partners)s
            ), money AS (
                SELECT partner_id,
                       SUM(revenue) AS revenue,
                       SUM(margin) AS margin,
                       MIN(date) AS first_date,
                       MAX(date) FILTER (WHERE is_invoice) AS last_date,
                       COUNT(DISTINCT move_id) FILTER (
                           WHERE is_invoice AND date >= %(window_start)s) AS frequency,
                       COALESCE(SUM(revenue) FILTER (WHERE date >= %(window_start)s), 0)
                           AS monetary
                  FROM lines
              GROUP BY partner_id
            ), population AS (
                SELECT partner_id FROM money
                 UNION
                SELECT p.id
                  FROM res_partner p
                 WHERE p.customer_rank > 0
                   AND p.active
                   AND p.id = p.commercial_partner_id
                   AND (p.company_id IS NULL OR p.company_id = %(company_id)s)
                   %(only_customers)s
            )
            SELECT pop.partner_id,
                   COALESCE(m.revenue, 0),
                   COALESCE(m.margin, 0),
                   m.first_date,
                   m.last_date,
                   COALESCE(m.frequency, 0),
                   COALESCE(m.monetary, 0),
                   COALESCE(NULLIF(t.yearly_retention_cost, 0), %(yearly_cost)s)
              FROM population pop
         LEFT JOIN money m ON m.partner_id = pop.partner_id
         LEFT JOIN crm_customer_value v
                ON v.partner_id = pop.partner_id AND v.company_id = %(company_id)s
         LEFT JOIN crm_value_tier t ON t.id = v.value_tier_id
            """,
            use_cost=settings["use_cost"],
            company_key=company_key,
            margin_rate=settings["margin_rate"],
            company_id=company.id,
            window_start=settings["window_start"],
            yearly_cost=settings["yearly_cost"] or 0.0,
            only_partners=only_partners,
            only_customers=only_customers,
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _load_new_values(self, settings, rows):
        """Apply the lifetime-value formula and COPY the rows into a temporary table."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS crm_value_new")
        cr.execute(
            """
            CREATE TEMP TABLE crm_value_new (
                partner_id integer PRIMARY KEY, revenue numeric, margin numeric, clv numeric,
                first_date date, last_date date, recency_days integer, frequency integer,
                monetary numeric
            ) ON COMMIT DROP
            """
        )
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(self._new_value_fields(settings, row)) + "\n")
        buffer.seek(0)
        cr._obj.copy_from(buffer, "crm_value_new", columns=NEW_VALUE_COLUMNS, null="\\N")

    @staticmethod
    def _new_value_fields(settings, row):
        partner_id, revenue, margin, first_date, last_date, frequency, monetary, cost = row
        today = settings["today"]
        relationship_days = (today - first_date).days if first_date else 0
        clv = lifetime_value(
            annual_margin(float(margin), relationship_days),
            float(cost),
            settings["discount_rate"],
            settings["horizon_years"],
            settings["retention_rate"],
        )
        recency = (today - last_date).days if last_date else None
        values = (
            partner_id,
            revenue,
            margin,
            round(clv, 2),
            first_date,
            last_date,
            recency,
            frequency,
            monetary,
        )
        return ["\\N" if value is None else str(value) for value in values]

    def _score_and_tier(self, company, settings, incremental):
        """Quintile scores (ties share a score) and the pyramid tier, by window functions."""
        tiers = settings["tiers"]
        if not tiers:
            raise UserError(self.env._("Define at least one value tier first."))
        if settings["method"] == "share":
            population = self._population_size(company, incremental)
            bounds = self._share_bounds(tiers.mapped("customer_share"), population)
            tier_match = SQL("s.value_position <= t.bound")
        else:
            bounds = [tier.min_lifetime_value for tier in tiers]
            bounds[-1] = None
            tier_match = SQL("(t.bound IS NULL OR s.clv >= t.bound)")
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS crm_value_scored")
        cr.execute(
            SQL(
                """
                CREATE TEMP TABLE crm_value_scored ON COMMIT DROP AS
                WITH pop AS (
                    SELECT partner_id, clv, recency_days, frequency, monetary, TRUE AS is_new
                      FROM crm_value_new
                     UNION ALL
                    SELECT v.partner_id, v.clv_amount, v.recency_days, v.frequency,
                           v.monetary, FALSE
                      FROM crm_customer_value v
                     WHERE %(incremental)s
                       AND v.company_id = %(company_id)s
                       AND NOT EXISTS (
                           SELECT 1 FROM crm_value_new n WHERE n.partner_id = v.partner_id)
                ), ranked AS (
                    SELECT pop.*,
                           COUNT(*) OVER () AS population,
                           RANK() OVER (ORDER BY COALESCE(recency_days, 2147483647) DESC)
                               AS r_rank,
                           RANK() OVER (ORDER BY frequency) AS f_rank,
                           RANK() OVER (ORDER BY monetary) AS m_rank,
                           ROW_NUMBER() OVER (ORDER BY clv DESC, partner_id) AS value_position
                      FROM pop
                )
                SELECT s.partner_id,
                       s.clv,
                       LEAST(5, 1 + 5 * (s.r_rank - 1) / s.population) AS recency_score,
                       LEAST(5, 1 + 5 * (s.f_rank - 1) / s.population) AS frequency_score,
                       LEAST(5, 1 + 5 * (s.m_rank - 1) / s.population) AS monetary_score,
                       (SELECT t.id
                          FROM unnest(%(tier_ids)s::int[], %(bounds)s::numeric[])
                               WITH ORDINALITY AS t(id, bound, ord)
                         WHERE %(tier_match)s
                      ORDER BY t.ord
                         LIMIT 1) AS tier_id
                  FROM ranked s
                 WHERE s.is_new
                """,
                incremental=incremental,
                company_id=company.id,
                tier_ids=tiers.ids,
                bounds=bounds,
                tier_match=tier_match,
            )
        )

    def _population_size(self, company, incremental):
        """How many customers the ranking covers: the new rows and, when only some
        customers are recomputed, the company's other stored customers."""
        self.env.cr.execute(
            SQL(
                """
                SELECT (SELECT COUNT(*) FROM crm_value_new)
                     + (SELECT COUNT(*) FROM crm_customer_value v
                         WHERE %(incremental)s AND v.company_id = %(company_id)s
                           AND NOT EXISTS (
                               SELECT 1 FROM crm_value_new n WHERE n.partner_id = v.partner_id))
                """,
                incremental=incremental,
                company_id=company.id,
            )
        )
        return self.env.cr.fetchone()[0]

    @staticmethod
    def _share_bounds(shares, population):
        """Last ranking position of each tier, top first. A tier with a share takes at least
        one customer while there are customers left, so a small company still sees its
        whole pyramid; the bottom tier takes everyone else."""
        bounds, cumulative, previous = [], 0.0, 0
        for share in shares:
            cumulative += share
            bound = (
                max(math.ceil(cumulative / 100.0 * population), previous + 1) if share else previous
            )
            previous = min(bound, population)
            bounds.append(previous)
        bounds[-1] = population
        return bounds

    def _store_values(self, company, full):
        """Upsert the new values; return the tier moves as (partner, old tier, new tier, clv)."""
        cr = self.env.cr
        now = fields.Datetime.now()
        uid = self.env.uid
        cr.execute(
            SQL(
                """
                SELECT s.partner_id, v.value_tier_id, s.tier_id, s.clv
                  FROM crm_value_scored s
             LEFT JOIN crm_customer_value v
                    ON v.partner_id = s.partner_id AND v.company_id = %s
                 WHERE v.value_tier_id IS DISTINCT FROM s.tier_id
                """,
                company.id,
            )
        )
        changes = cr.fetchall()
        if full:
            cr.execute(
                SQL(
                    """
                    DELETE FROM crm_customer_value v
                     WHERE v.company_id = %s
                       AND NOT EXISTS (
                           SELECT 1 FROM crm_value_new n WHERE n.partner_id = v.partner_id)
                    """,
                    company.id,
                )
            )
        cr.execute(
            SQL(
                """
                INSERT INTO crm_customer_value (
                    partner_id, company_id, user_id, value_tier_id, tier_since, revenue, margin,
                    clv_amount, first_invoice_date, last_invoice_date, recency_days, frequency,
                    monetary, recency_score, frequency_score, monetary_score, computed_at,
                    create_uid, create_date, write_uid, write_date)
                SELECT n.partner_id, %(company_id)s, p.user_id, s.tier_id, %(now)s, n.revenue,
                       n.margin, n.clv, n.first_date, n.last_date, n.recency_days, n.frequency,
                       n.monetary, s.recency_score, s.frequency_score, s.monetary_score,
                       %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM crm_value_new n
                  JOIN crm_value_scored s ON s.partner_id = n.partner_id
                  JOIN res_partner p ON p.id = n.partner_id
                ON CONFLICT (partner_id, company_id) DO UPDATE SET
                    user_id = EXCLUDED.user_id,
                    tier_since = CASE
                        WHEN crm_customer_value.value_tier_id IS DISTINCT FROM
                             EXCLUDED.value_tier_id
                        THEN EXCLUDED.tier_since ELSE crm_customer_value.tier_since END,
                    value_tier_id = EXCLUDED.value_tier_id,
                    revenue = EXCLUDED.revenue,
                    margin = EXCLUDED.margin,
                    clv_amount = EXCLUDED.clv_amount,
                    first_invoice_date = EXCLUDED.first_invoice_date,
                    last_invoice_date = EXCLUDED.last_invoice_date,
                    recency_days = EXCLUDED.recency_days,
                    frequency = EXCLUDED.frequency,
                    monetary = EXCLUDED.monetary,
                    recency_score = EXCLUDED.recency_score,
                    frequency_score = EXCLUDED.frequency_score,
                    monetary_score = EXCLUDED.monetary_score,
                    computed_at = EXCLUDED.computed_at,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                """,
                company_id=company.id,
                now=now,
                uid=uid,
            )
        )
        self._insert_tier_history(company, changes, now)
        return changes

    def _insert_tier_history(self, company, changes, now):
        if not changes:
            return
        sequences = {tier.id: tier.sequence for tier in self.env["crm.value.tier"].search([])}
        rows = [
            (
                partner_id,
                company.id,
                old_tier,
                new_tier,
                clv,
                self._tier_direction(sequences, old_tier, new_tier),
            )
            for partner_id, old_tier, new_tier, clv in changes
        ]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_value_tier_history (
                    partner_id, company_id, old_tier_id, new_tier_id, clv_amount, direction,
                    date, create_uid, create_date, write_uid, write_date)
                SELECT r.partner_id, r.company_id, r.old_tier, r.new_tier, r.clv, r.direction,
                       %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partner_ids)s::int[], %(company_ids)s::int[],
                              %(old_tiers)s::int[], %(new_tiers)s::int[],
                              %(clvs)s::numeric[], %(directions)s::varchar[])
                       AS r(partner_id, company_id, old_tier, new_tier, clv, direction)
                """,
                now=now,
                uid=self.env.uid,
                partner_ids=[row[0] for row in rows],
                company_ids=[row[1] for row in rows],
                old_tiers=[row[2] for row in rows],
                new_tiers=[row[3] for row in rows],
                clvs=[row[4] for row in rows],
                directions=[row[5] for row in rows],
            )
        )

    @staticmethod
    def _tier_direction(sequences, old_tier, new_tier):
        if not old_tier:
            return "new"
        # a higher sequence is lower in the pyramid
        return "down" if sequences.get(new_tier, 0) > sequences.get(old_tier, 0) else "up"

    def _announce_tier_changes(self, company, changes):
        """Chatter for every move between tiers; an activity when a customer drops.

        A customer's first tier is not announced: on the first run that would be one
        message per customer."""
        moves = [change for change in changes if change[1]]
        if not moves:
            return
        tiers = self.env["crm.value.tier"].browse(
            {tier for _partner, old, new, _clv in moves for tier in (old, new) if tier}
        )
        names = dict(zip(tiers.ids, tiers.mapped("name"), strict=True))
        sequences = dict(zip(tiers.ids, tiers.mapped("sequence"), strict=True))
        partners = self.env["res.partner"].sudo().browse([move[0] for move in moves])
        bodies = {
            partner_id: self.env._(
                "Value tier in %(company)s: %(old)s → %(new)s",
                company=company.name,
                old=names.get(old, "-"),
                new=names.get(new, "-"),
            )
            for partner_id, old, new, _clv in moves
        }
        partners._message_log_batch(bodies=bodies)
        dropped = [
            move[0] for move in moves if self._tier_direction(sequences, move[1], move[2]) == "down"
        ]
        self._schedule_tier_drop_activities(partners.browse(dropped), bodies)

    def _schedule_tier_drop_activities(self, partners, bodies):
        activity_type = self.env.ref(TIER_DROP_ACTIVITY, raise_if_not_found=False)
        partners = partners.filtered("user_id")
        if not activity_type or not partners:
            return
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = fields.Date.context_today(self) + timedelta(days=activity_type.delay_count)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "summary": bodies[partner.id],
                    "user_id": partner.user_id.id,
                    "date_deadline": deadline,
                }
                for partner in partners
            ]
        )
