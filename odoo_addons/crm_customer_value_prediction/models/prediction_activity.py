"""A call for each valuable customer at risk, to their salesperson, before they are lost.

Batched cron (Odoo 18 pattern: a batch, progress, return): a customer gets at most one such
activity per REMIND_DAYS, and a salesperson at most CALLS_PER_DAY new ones a day, the most
valuable customers first, so that a first run on a large database does not bury anyone.
"""

from datetime import timedelta

from odoo import fields
from odoo.tools import SQL

AT_RISK_ACTIVITY = "crm_customer_value_prediction.mail_activity_type_value_at_risk"
BATCH_SIZE = 500
CALLS_PER_DAY = 10
REMIND_DAYS = 30


def schedule_at_risk_activities(env):
    """One batch of calls; returns (scheduled, still due)."""
    activity_type = env.ref(AT_RISK_ACTIVITY, raise_if_not_found=False)
    if not activity_type:
        return 0, 0
    today = fields.Date.context_today(env["crm.customer.value"])
    rows = at_risk_due(env, today, BATCH_SIZE)
    if rows:
        create_at_risk_activities(env, activity_type, rows, today)
    return len(rows), len(at_risk_due(env, today, None))


def at_risk_due(env, today, limit):
    """(value id, partner id, salesperson id) of the calls due today, most valuable
    first, within each salesperson's daily allowance."""
    env.cr.execute(
        SQL(
            """
            WITH given AS (
                SELECT user_id, COUNT(*) AS calls
                  FROM crm_customer_value
                 WHERE at_risk_activity_date = %(today)s
              GROUP BY user_id
            ), due AS (
                SELECT v.id, v.partner_id, v.user_id,
                       ROW_NUMBER() OVER (PARTITION BY v.user_id
                                          ORDER BY v.predicted_clv DESC, v.id) AS turn
                  FROM crm_customer_value v
                 WHERE v.valuable_at_risk
                   AND v.user_id IS NOT NULL
                   AND (v.at_risk_activity_date IS NULL
                        OR v.at_risk_activity_date <= %(remind_before)s)
            )
            SELECT due.id, due.partner_id, due.user_id
              FROM due
         LEFT JOIN given ON given.user_id = due.user_id
             WHERE due.turn <= %(per_day)s - COALESCE(given.calls, 0)
          ORDER BY due.id
             LIMIT %(limit)s
            """,
            today=today,
            remind_before=today - timedelta(days=REMIND_DAYS),
            per_day=CALLS_PER_DAY,
            limit=limit,
        )
    )
    return env.cr.fetchall()


def create_at_risk_activities(env, activity_type, rows, today):
    model_id = env["ir.model"]._get_id("res.partner")
    deadline = today + timedelta(days=activity_type.delay_count)
    env["mail.activity"].sudo().create(
        [
            {
                "res_model_id": model_id,
                "res_id": partner_id,
                "activity_type_id": activity_type.id,
                "automated": True,
                "user_id": user_id,
                "date_deadline": deadline,
            }
            for _value_id, partner_id, user_id in rows
        ]
    )
    env.cr.execute(
        SQL(
            "UPDATE crm_customer_value SET at_risk_activity_date = %s WHERE id = ANY(%s)",
            today,
            [row[0] for row in rows],
        )
    )
    env["crm.customer.value"].invalidate_model(["at_risk_activity_date"])
