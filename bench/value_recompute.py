"""Benchmark: the set-based customer-value recompute against the naive per-customer loop.

    $ODOO_PYTHON bench/value_recompute.py [--customers 100000] [--lines 1000000]

Builds a database (crm_customer_value, no demo), generates customers and posted invoice
lines in bulk with SQL (generate_series: one invoice = 4 lines, one invoice in 20 a
refund, amounts and dates pseudo-random but fixed), then in the same run:

1. the full recompute at a tenth of the size (customers/10, lines/10) and at full size,
   to show the per-customer cost stays flat;
2. the naive way on a sample of customers: per customer, an ORM search of its posted
   invoices, read their lines and products, apply the same formula and write the value
   through the ORM; extrapolated to all customers.

Prints both, the ratio, and checks the targets of issue 4: full recompute at most 60 s,
at least 50x faster per customer than the naive loop, flat per-customer cost (the
tenth-size cost is within 25 % of the full-size one, or the full size is cheaper).
"""

from __future__ import annotations

import argparse
import time

from _odoo import create_database, environment, verdict

LINES_PER_INVOICE = 4


def generate(env, first_customer: int, customers: int, lines: int) -> None:
    """Customers first_customer+1 .. first_customer+customers and their invoices."""
    cr = env.cr
    company = env.company
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    account = journal.default_account_id
    product = env["product.product"].create(
        {"name": f"Bench product {first_customer}", "standard_price": 40.0}
    )
    invoices = lines // LINES_PER_INVOICE
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, customer_rank, type, is_company,
                                 autopost_bills, create_date, write_date)
        SELECT 'Bench customer ' || n, 'Bench customer ' || n, TRUE, 1, 'contact', TRUE,
               'ask', now(), now()
          FROM generate_series(%(first)s + 1, %(first)s + %(count)s) AS n
        RETURNING id
        """,
        {"first": first_customer, "count": customers},
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids]
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_invoice AS
        SELECT i,
               (%(partner_ids)s::int[])[1 + (hashint4(i) & 2147483647) %% %(customers)s]
                   AS partner_id,
               CASE WHEN i %% 20 = 0 THEN 'out_refund' ELSE 'out_invoice' END AS move_type,
               current_date - ((hashint4(i * 7) & 2147483647) %% 1500) AS day
          FROM generate_series(1, %(invoices)s) AS i
        """,
        {"partner_ids": partner_ids, "customers": customers, "invoices": invoices},
    )
    cr.execute(
        """
        WITH moves AS (
            INSERT INTO account_move (name, move_type, state, date, invoice_date, journal_id,
                                      company_id, currency_id, partner_id,
                                      commercial_partner_id, auto_post, create_date,
                                      write_date)
            SELECT 'BENCH/' || %(first)s || '/' || i, move_type, 'posted', day, day,
                   %(journal)s, %(company)s, %(currency)s, partner_id, partner_id, 'no',
                   now(), now()
              FROM bench_invoice
            RETURNING id, partner_id, move_type, date
        )
        INSERT INTO account_move_line (move_id, partner_id, company_id, journal_id,
                                       account_id, currency_id, company_currency_id,
                                       display_type, parent_state, date, product_id,
                                       quantity, price_unit, balance, amount_currency,
                                       debit, credit)
        SELECT m.id, m.partner_id, %(company)s, %(journal)s, %(account)s, %(currency)s,
               %(currency)s, 'product', 'posted', m.date, %(product)s, q.qty, q.price,
               q.balance, q.balance, GREATEST(q.balance, 0), GREATEST(-q.balance, 0)
          FROM moves m
          CROSS JOIN generate_series(1, %(per_invoice)s) AS l
          CROSS JOIN LATERAL (
              SELECT 1 + (hashint4(m.id * 10 + l) & 7) AS qty,
                     50 + (hashint4(m.id * 13 + l) & 255) AS price
          ) p
          CROSS JOIN LATERAL (
              SELECT p.qty AS qty, p.price AS price,
                     (CASE WHEN m.move_type = 'out_refund' THEN 1 ELSE -1 END)
                         * p.qty * p.price AS balance
          ) q
        """,
        {
            "first": first_customer,
            "journal": journal.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "account": account.id,
            "product": product.id,
            "per_invoice": LINES_PER_INVOICE,
        },
    )
    cr.execute("DROP TABLE bench_invoice")
    cr.execute("ANALYZE account_move_line; ANALYZE account_move; ANALYZE res_partner")
    print(
        f"generated {customers} customers, {invoices} invoices, "
        f"{invoices * LINES_PER_INVOICE} lines in {time.perf_counter() - started:.1f} s"
    )


def full_recompute(env) -> tuple[float, int]:
    started = time.perf_counter()
    stats = env["crm.customer.value"]._recompute_company(env.company)
    env.cr.commit()
    return time.perf_counter() - started, stats["count"]


def naive_recompute(env, sample: int) -> float:
    """Seconds per customer of the obvious ORM loop, measured on `sample` customers."""
    from odoo.addons.crm_customer_value.models.value_formula import annual_margin, lifetime_value

    company = env.company
    customers = env["res.partner"].search([("customer_rank", ">", 0)], limit=sample, order="id")
    today = env.cr.now().date()
    started = time.perf_counter()
    for customer in customers:
        env.invalidate_all()  # a loop over customers does not keep everything in memory
        invoices = env["account.move"].search(
            [
                ("partner_id", "=", customer.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("company_id", "=", company.id),
            ]
        )
        revenue = margin = 0.0
        first = None
        for line in invoices.invoice_line_ids:
            amount = -line.balance
            revenue += amount
            cost = line.product_id.standard_price
            margin += amount - (1 if amount > 0 else -1) * abs(line.quantity) * cost
            first = min(first or line.date, line.date)
        clv = lifetime_value(
            annual_margin(margin, (today - first).days if first else 0),
            company.value_yearly_retention_cost,
            company.value_discount_rate / 100,
            company.value_horizon_years,
            company.value_retention_rate / 100,
        )
        value = env["crm.customer.value"].search(
            [("partner_id", "=", customer.id), ("company_id", "=", company.id)]
        )
        value.write({"revenue": revenue, "margin": margin, "clv_amount": clv})
    elapsed = time.perf_counter() - started
    env.cr.rollback()
    return elapsed / len(customers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=300, help="customers for the naive loop")
    parser.add_argument("--database", default="crm_bench_value")
    args = parser.parse_args()

    create_database(args.database, "crm_customer_value")
    with environment(args.database) as env:
        small_customers, small_lines = args.customers // 10, args.lines // 10
        generate(env, 0, small_customers, small_lines)
        env.cr.commit()
        small_seconds, small_count = full_recompute(env)
        generate(env, small_customers, args.customers - small_customers, args.lines - small_lines)
        env.cr.commit()
        full_seconds, full_count = full_recompute(env)
        naive_per_customer = naive_recompute(env, args.sample)

    small_each = small_seconds / small_count
    full_each = full_seconds / full_count
    ratio = naive_per_customer / full_each
    print()
    print(
        f"set-based recompute, {small_count:>7} customers: {small_seconds:6.1f} s "
        f"({small_each * 1e6:7.1f} µs per customer)"
    )
    print(
        f"set-based recompute, {full_count:>7} customers: {full_seconds:6.1f} s "
        f"({full_each * 1e6:7.1f} µs per customer)"
    )
    print(
        f"naive ORM loop (baseline), {args.sample} customers sampled: "
        f"{naive_per_customer * 1e6:9.1f} µs per customer, "
        f"{naive_per_customer * full_count:7.0f} s extrapolated to {full_count}"
    )
    print(f"ratio: set-based is {ratio:.0f}x faster per customer than the naive loop")
    print(f"scaling: per-customer cost at full size / at a tenth = {full_each / small_each:.2f}")
    checks = {
        "full recompute <= 60 s": full_seconds <= 60,
        ">= 50x the naive loop": ratio >= 50,
        "linear (per-customer cost within 25 %)": full_each <= small_each * 1.25,
    }
    return verdict(checks)


if __name__ == "__main__":
    raise SystemExit(main())
