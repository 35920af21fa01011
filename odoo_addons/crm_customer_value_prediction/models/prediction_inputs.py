"""The models' inputs per customer, in one set-based query over posted customer invoices.

A purchase is a day with posted customer invoices (several invoices on one day are one
purchase, as in the literature), free ones included (CDNOW's sample has eight); refunds
are not purchases. Per customer: repeat purchases (days after the first), recency (first
to last purchase), age (first purchase to today), the average untaxed amount of the repeat
purchases, and the margin share of their revenue (to turn predicted revenue into
predicted margin, as the lifetime value counts margin).
"""

import numpy as np

from odoo.tools import SQL


def prediction_inputs(env, company, settings):
    """numpy columns: partner_id, frequency, recency_days, age_days, avg_spend,
    margin_share; one row per valued customer of `company` with a posted invoice."""
    query = SQL(
        """
        WITH days AS (
            SELECT aml.partner_id,
                   COALESCE(am.invoice_date, aml.date) AS day,
                   SUM(-aml.balance) AS spend
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
             WHERE aml.company_id = %(company_id)s
               AND aml.parent_state = 'posted'
               AND aml.display_type = 'product'
               AND am.move_type = 'out_invoice'
               AND aml.partner_id IS NOT NULL
               AND COALESCE(am.invoice_date, aml.date) <= %(today)s
          GROUP BY 1, 2
            HAVING SUM(-aml.balance) >= 0
        ), customers AS (
            SELECT partner_id,
                   COUNT(*) - 1 AS frequency,
                   MAX(day) - MIN(day) AS recency_days,
                   %(today)s::date - MIN(day) AS age_days,
                   (SUM(spend) - (ARRAY_AGG(spend ORDER BY day))[1])
                       / NULLIF(COUNT(*) - 1, 0) AS avg_spend
              FROM days
          GROUP BY partner_id
        )
        SELECT c.partner_id, c.frequency, c.recency_days, c.age_days,
               COALESCE(c.avg_spend, 0),
               CASE WHEN v.revenue > 0 THEN v.margin / v.revenue ELSE %(margin_rate)s END
          FROM customers c
          JOIN crm_customer_value v
            ON v.partner_id = c.partner_id AND v.company_id = %(company_id)s
      ORDER BY c.partner_id
        """,
        company_id=company.id,
        today=settings["today"],
        margin_rate=settings["margin_rate"],
    )
    env.cr.execute(query)
    columns = np.array(env.cr.fetchall(), dtype=float).reshape(-1, 6).T
    return columns[0].astype(int), columns[1], columns[2], columns[3], columns[4], columns[5]
