"""Step 1 of a recompute: what each customer's invoices add up to, and the lifetime value.

One GROUP BY over the company's posted invoice lines gives one row per customer; the
formula of value_formula.py is applied to each row in Python and the rows are COPied into
the temporary table `crm_value_new` that the storing step reads.
"""

import io
from datetime import timedelta

from odoo import fields
from odoo.tools import SQL

from .value_formula import annual_margin, lifetime_value

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


def value_settings(env, company):
    """The company's value settings and tiers, and today in its users' time zone."""
    today = fields.Date.context_today(env["crm.customer.value"].with_company(company))
    tiers = env["crm.value.tier"].sudo()._tiers_for_company(company)
    # every tier a customer of the company may still hold (shared or its own, archived
    # too), with its amounts in the company's currency
    held_tiers = (
        env["crm.value.tier"]
        .sudo()
        .with_context(active_test=False)
        .search([("company_id", "in", (False, company.id))])
    )
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
        "tier_amounts": held_tiers._amounts_in_company_currency(company, today),
        # what places a customer in the pyramid, over the alias `v` of crm_customer_value;
        # crm_customer_value_prediction may put the predicted lifetime value here
        "ranking_value": SQL("v.clv_amount"),
    }


def aggregate_money(env, company, settings, partner_ids=None):
    """One row per customer: revenue, margin, dates, frequency, spend, yearly cost.

    All the company's customers, or only `partner_ids` (a batch of the queue)."""
    only_partners = SQL("AND aml.partner_id = ANY(%s)", partner_ids) if partner_ids else SQL("")
    only_customers = SQL("AND p.id = ANY(%s)", partner_ids) if partner_ids else SQL("")
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
               COALESCE(NULLIF(t.yearly_cost, 0), %(yearly_cost)s)
          FROM population pop
     LEFT JOIN money m ON m.partner_id = pop.partner_id
     LEFT JOIN crm_customer_value v
            ON v.partner_id = pop.partner_id AND v.company_id = %(company_id)s
     LEFT JOIN unnest(%(tier_ids)s::int[], %(tier_costs)s::numeric[]) AS t(id, yearly_cost)
            ON t.id = v.value_tier_id
        """,
        tier_ids=list(settings["tier_amounts"]),
        tier_costs=[cost for _minimum, cost in settings["tier_amounts"].values()],
        use_cost=settings["use_cost"],
        company_key=str(company.id),
        margin_rate=settings["margin_rate"],
        company_id=company.id,
        window_start=settings["window_start"],
        yearly_cost=settings["yearly_cost"] or 0.0,
        only_partners=only_partners,
        only_customers=only_customers,
    )
    env.cr.execute(query)
    return env.cr.fetchall()


def load_new_values(env, settings, rows):
    """Apply the lifetime-value formula and COPY the rows into a temporary table."""
    cr = env.cr
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
        buffer.write("\t".join(new_value_fields(settings, row)) + "\n")
    buffer.seek(0)
    cr._obj.copy_from(buffer, "crm_value_new", columns=NEW_VALUE_COLUMNS, null="\\N")


def new_value_fields(settings, row):
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
