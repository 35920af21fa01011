"""Store every customer's prediction, then the status labels and the valuable customers at
risk, each in one statement over the company's values."""

import numpy as np

from odoo.tools import SQL

PREDICTION_COLUMNS = (
    "repeat_purchases",
    "alive_probability",
    "expected_purchases_3m",
    "expected_purchases_6m",
    "expected_purchases_12m",
    "expected_order_value",
    "predicted_clv",
)
# a fall of this much alive probability since the previous recompute makes a customer
# worth a call even while still "active"
ALIVE_FALL = 0.10


def store_predictions(env, company, partner_ids, predictions):
    clear_predictions(env, company, keep_previous=True)
    columns = [
        SQL("%s::float8[]", np.round(predictions[name], 6).tolist()) for name in PREDICTION_COLUMNS
    ]
    env.cr.execute(
        SQL(
            """
            UPDATE crm_customer_value v
               SET repeat_purchases = u.repeats,
                   alive_probability = u.alive,
                   expected_purchases_3m = u.e3,
                   expected_purchases_6m = u.e6,
                   expected_purchases_12m = u.e12,
                   expected_order_value = ROUND(u.order_value::numeric, %(digits)s),
                   predicted_clv = ROUND(u.clv::numeric, %(digits)s)
              FROM unnest(%(partner_ids)s::int[], %(columns)s)
                   AS u(partner_id, repeats, alive, e3, e6, e12, order_value, clv)
             WHERE v.company_id = %(company_id)s AND v.partner_id = u.partner_id
            """,
            partner_ids=[int(p) for p in partner_ids],
            columns=SQL(", ").join(columns),
            company_id=company.id,
            # money as the ORM would store it: in the company currency's precision
            digits=company.currency_id.decimal_places,
        )
    )
    label_statuses(env, company)
    flag_valuable_at_risk(env, company)


def clear_predictions(env, company, keep_previous=False):
    """Empty the company's predictions; the current alive probability becomes the
    previous one (to see it fall) unless the fit failed."""
    env.cr.execute(
        SQL(
            """
            UPDATE crm_customer_value
               SET alive_probability_previous = CASE WHEN %(keep)s
                       THEN alive_probability ELSE NULL END,
                   repeat_purchases = NULL, alive_probability = NULL, alive_status = NULL,
                   expected_purchases_3m = NULL, expected_purchases_6m = NULL,
                   expected_purchases_12m = NULL, expected_order_value = NULL,
                   predicted_clv = NULL, valuable_at_risk = FALSE
             WHERE company_id = %(company_id)s
            """,
            keep=keep_previous,
            company_id=company.id,
        )
    )
    env["crm.customer.value"].invalidate_model()


def label_statuses(env, company):
    """active / at risk / likely lost by the company's thresholds; "one purchase so far"
    for customers without a repeat purchase, whom BG/NBD always deems alive."""
    env.cr.execute(
        SQL(
            """
            UPDATE crm_customer_value
               SET alive_status = CASE
                       WHEN repeat_purchases = 0 THEN 'single'
                       WHEN alive_probability >= %(active)s THEN 'active'
                       WHEN alive_probability < %(lost)s THEN 'lost'
                       ELSE 'at_risk' END
             WHERE company_id = %(company_id)s AND alive_probability IS NOT NULL
            """,
            active=company.value_alive_active_percent / 100.0,
            lost=company.value_alive_lost_percent / 100.0,
            company_id=company.id,
        )
    )


def flag_valuable_at_risk(env, company):
    """Valuable: in the company's top share by predicted value. At risk: status at risk
    or likely lost, or an alive probability fallen by ALIVE_FALL since last time."""
    env.cr.execute(
        SQL(
            """
            UPDATE crm_customer_value v
               SET valuable_at_risk = TRUE
              FROM (
                  SELECT id,
                         PERCENT_RANK() OVER (ORDER BY predicted_clv DESC) AS position
                    FROM crm_customer_value
                   WHERE company_id = %(company_id)s AND predicted_clv > 0
              ) ranked
             WHERE v.id = ranked.id
               AND ranked.position < %(top_share)s
               AND (v.alive_status IN ('at_risk', 'lost')
                    OR v.alive_probability <= v.alive_probability_previous - %(fall)s)
            """,
            company_id=company.id,
            top_share=company.value_at_risk_top_percent / 100.0,
            fall=ALIVE_FALL,
        )
    )
