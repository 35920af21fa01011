"""Step 3 of a recompute: scores and the pyramid, over all of a company's stored values.

Recency, frequency and spend are scored by quintile and each customer is placed in a tier
with window functions over `crm_customer_value`; only the rows whose scores or tier change
are written, and each tier move is kept in the tier history. It runs once per recompute of
a company, never per invoice. Without any active tier the scores are still written and the
tiers stay empty (the settings page says so).
"""

import math

from odoo import fields
from odoo.tools import SQL


def rank_company(env, company, settings):
    """Score and tier the company's customers; return the tier moves as
    (partner, old tier, new tier, clv), first tiers included."""
    score_and_tier(env, company, settings)
    cr = env.cr
    cr.execute(
        """
        SELECT s.partner_id, v.value_tier_id, s.tier_id, s.clv
          FROM crm_value_scored s
          JOIN crm_customer_value v ON v.id = s.id
         WHERE v.value_tier_id IS DISTINCT FROM s.tier_id
           AND s.tier_id IS NOT NULL
        """
    )
    changes = cr.fetchall()
    now = fields.Datetime.now()
    cr.execute(
        SQL(
            """
            UPDATE crm_customer_value v
               SET recency_score = s.recency_score,
                   frequency_score = s.frequency_score,
                   monetary_score = s.monetary_score,
                   tier_since = CASE WHEN v.value_tier_id IS DISTINCT FROM s.tier_id
                                     THEN %(now)s ELSE v.tier_since END,
                   value_tier_id = s.tier_id
              FROM crm_value_scored s
             WHERE v.id = s.id
               AND (v.recency_score, v.frequency_score, v.monetary_score, v.value_tier_id)
                   IS DISTINCT FROM
                   (s.recency_score, s.frequency_score, s.monetary_score, s.tier_id)
            """,
            now=now,
        )
    )
    insert_tier_history(env, company, changes, now)
    return changes


def score_and_tier(env, company, settings):
    """Quintile scores (ties share a score) and the pyramid tier, by window functions."""
    tiers = settings["tiers"]
    if settings["method"] == "share":
        bounds = share_bounds(tiers.mapped("customer_share"), population_size(env, company))
        tier_match = SQL("s.value_position <= t.bound")
    else:
        bounds = [settings["tier_amounts"][tier.id][0] for tier in tiers]
        if bounds:
            bounds[-1] = None
        tier_match = SQL("(t.bound IS NULL OR s.clv >= t.bound)")
    cr = env.cr
    cr.execute("DROP TABLE IF EXISTS crm_value_scored")
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE crm_value_scored ON COMMIT DROP AS
            WITH ranked AS (
                SELECT v.id, v.partner_id, %(ranking_value)s AS clv,
                       COUNT(*) OVER () AS population,
                       RANK() OVER (ORDER BY COALESCE(v.recency_days, 2147483647) DESC)
                           AS r_rank,
                       RANK() OVER (ORDER BY v.frequency) AS f_rank,
                       RANK() OVER (ORDER BY v.monetary) AS m_rank,
                       ROW_NUMBER() OVER (ORDER BY %(ranking_value)s DESC, v.partner_id)
                           AS value_position
                  FROM crm_customer_value v
                 WHERE v.company_id = %(company_id)s
            )
            SELECT s.id,
                   s.partner_id,
                   s.clv,
                   LEAST(5, 1 + 5 * (s.r_rank - 1) / s.population)::int AS recency_score,
                   LEAST(5, 1 + 5 * (s.f_rank - 1) / s.population)::int AS frequency_score,
                   LEAST(5, 1 + 5 * (s.m_rank - 1) / s.population)::int AS monetary_score,
                   (SELECT t.id
                      FROM unnest(%(tier_ids)s::int[], %(bounds)s::numeric[])
                           WITH ORDINALITY AS t(id, bound, ord)
                     WHERE %(tier_match)s
                  ORDER BY t.ord
                     LIMIT 1) AS tier_id
              FROM ranked s
            """,
            company_id=company.id,
            tier_ids=tiers.ids,
            bounds=bounds,
            tier_match=tier_match,
            ranking_value=settings["ranking_value"],
        )
    )


def population_size(env, company):
    env.cr.execute(SQL("SELECT COUNT(*) FROM crm_customer_value WHERE company_id = %s", company.id))
    return env.cr.fetchone()[0]


def share_bounds(shares, population):
    """Last ranking position of each tier, top first. A tier with a share takes at least
    one customer while there are customers left, so a small company still sees its
    whole pyramid; the bottom tier takes everyone else."""
    bounds, cumulative, previous = [], 0.0, 0
    for share in shares:
        cumulative += share
        bound = max(math.ceil(cumulative / 100.0 * population), previous + 1) if share else previous
        previous = min(bound, population)
        bounds.append(previous)
    if bounds:
        bounds[-1] = population
    return bounds


def insert_tier_history(env, company, changes, now):
    if not changes:
        return
    sequences = {tier.id: tier.sequence for tier in env["crm.value.tier"].search([])}
    rows = [
        (
            partner_id,
            company.id,
            old_tier,
            new_tier,
            clv,
            tier_direction(sequences, old_tier, new_tier),
        )
        for partner_id, old_tier, new_tier, clv in changes
    ]
    env.cr.execute(
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
            uid=env.uid,
            partner_ids=[row[0] for row in rows],
            company_ids=[row[1] for row in rows],
            old_tiers=[row[2] for row in rows],
            new_tiers=[row[3] for row in rows],
            clvs=[row[4] for row in rows],
            directions=[row[5] for row in rows],
        )
    )


def tier_direction(sequences, old_tier, new_tier):
    if not old_tier:
        return "new"
    # a higher sequence is lower in the pyramid
    return "down" if sequences.get(new_tier, 0) > sequences.get(old_tier, 0) else "up"
