"""Step 2 of a recompute: store what the aggregation found.

Upserts the money side of each customer's value (revenue, margin, lifetime value,
recency, frequency, spend) from `crm_value_new`, and deletes the values of customers
that are no longer customers. Scores and tiers are the ranking step's (value_ranking.py).
"""

from odoo import fields
from odoo.tools import SQL


def store_money(env, company, partner_ids=None):
    """Upsert the rows of `crm_value_new` for `company`.

    `partner_ids`: the batch that was aggregated; its customers missing from
    `crm_value_new` lost their value. None: the whole company was aggregated."""
    now = fields.Datetime.now()
    in_batch = SQL("AND v.partner_id = ANY(%s)", partner_ids) if partner_ids else SQL("")
    cr = env.cr
    cr.execute(
        SQL(
            """
            DELETE FROM crm_customer_value v
             WHERE v.company_id = %(company_id)s
               %(in_batch)s
               AND NOT EXISTS (
                   SELECT 1 FROM crm_value_new n WHERE n.partner_id = v.partner_id)
            """,
            company_id=company.id,
            in_batch=in_batch,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO crm_customer_value (
                partner_id, company_id, user_id, revenue, margin, clv_amount,
                first_invoice_date, last_invoice_date, recency_days, frequency, monetary,
                computed_at, create_uid, create_date, write_uid, write_date)
            SELECT n.partner_id, %(company_id)s, p.user_id, n.revenue, n.margin, n.clv,
                   n.first_date, n.last_date, n.recency_days, n.frequency, n.monetary,
                   %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM crm_value_new n
              JOIN res_partner p ON p.id = n.partner_id
            ON CONFLICT (partner_id, company_id) DO UPDATE SET
                user_id = EXCLUDED.user_id,
                revenue = EXCLUDED.revenue,
                margin = EXCLUDED.margin,
                clv_amount = EXCLUDED.clv_amount,
                first_invoice_date = EXCLUDED.first_invoice_date,
                last_invoice_date = EXCLUDED.last_invoice_date,
                recency_days = EXCLUDED.recency_days,
                frequency = EXCLUDED.frequency,
                monetary = EXCLUDED.monetary,
                computed_at = EXCLUDED.computed_at,
                write_uid = EXCLUDED.write_uid,
                write_date = EXCLUDED.write_date
            """,
            company_id=company.id,
            now=now,
            uid=env.uid,
        )
    )
    return cr.rowcount
