"""Benchmark: a full refresh of the customer KPIs against the naive per-record ORM loop.

    $ODOO_PYTHON bench/kpi_refresh.py [--scale 1.0] [--sample 100]

Builds a database (crm_customer_kpi, and crm_customer_dashboard when installable; no
demo), then generates in bulk with SQL generate_series (pseudo-random but fixed), at
--scale 1: 100,000 customers spread over 10 sales teams, 1,000,000 invoice lines (250,000
invoices, one in 20 a refund) with 125,000 sales orders linked to their invoices, 50,000
complaints, 500,000 messages and done activities (emails in and out, calls and meetings),
100,000 mailing traces, 100,000 satisfaction entries and 130,000 tier moves. In the same
run:

1. a full refresh (rebuild) of every indicator for 24 months at a tenth of the size and
   at full size, to show the cost per customer stays flat;
2. the naive way on a sample of customers: per customer, ORM searches of their orders,
   invoices, complaints, messages, satisfaction entries and tier moves, each record put
   in its month in Python; extrapolated to all customers;
3. the server time of the dashboard's data call, when crm_customer_dashboard is there.

Prints them, the ratio, and checks the targets of issue 14: full refresh at most 30 s, at
least 50x faster than the naive loop, linear (per-customer cost at full size within 25 %
of the tenth-size one), the dashboard under 2 s.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import statistics
import time

from _odoo import ROOT, create_database, environment, verdict

TEAMS = 10
DAYS = 1500  # about 49 months: 24 months shown and the 2 years retention looks back


def dashboard_installable() -> bool:
    manifest = ROOT / "odoo_addons" / "crm_customer_dashboard" / "__manifest__.py"
    return manifest.exists() and ast.literal_eval(manifest.read_text()).get("installable", True)


def setup(env) -> dict:
    """Ten sales teams, each with its salesperson."""
    reps = env["res.users"]
    for n in range(TEAMS):
        rep = env["res.users"].create(
            {"name": f"Bench rep {n}", "login": f"bench_rep_{n}", "company_id": env.company.id}
        )
        env["crm.team"].create({"name": f"Bench team {n}", "member_ids": [(6, 0, rep.ids)]})
        reps |= rep
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    product = env["product.product"].create({"name": "Bench product", "list_price": 50})
    call = env.ref("mail.mail_activity_data_call")
    env.cr.commit()
    return {
        "reps": reps.ids,
        "rep_partners": reps.partner_id.ids,
        "journal": journal.id,
        "account": journal.default_account_id.id,
        "product": product.id,
        "call": call.id,
        "company": env.company.id,
        "currency": env.company.currency_id.id,
        "admin": env.ref("base.user_admin").id,
        "tiers": env["crm.value.tier"].search([]).ids,
    }


def generate(env, ids: dict, first: int, customers: int, scale_lines: int) -> None:
    """Customers first+1 .. first+customers and their records; `scale_lines` invoice
    lines, the other volumes in proportion (per customer as at full size)."""
    cr = env.cr
    started = time.perf_counter()
    p = {
        **ids,
        "first": first,
        "customers": customers,
        "invoices": scale_lines // 4,
        "complaints": customers // 2,
        "messages": customers * 5,
        "traces": customers,
        "days": DAYS,
        "teams": TEAMS,
    }
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, customer_rank, type, is_company,
                                 autopost_bills, company_id, user_id, email, create_date,
                                 write_date)
        SELECT 'Bench customer ' || n, 'Bench customer ' || n, TRUE, 1, 'contact', TRUE,
               'ask', %(company)s, (%(reps)s::int[])[1 + n %% %(teams)s],
               'c' || n || '@bench.example', now(), now()
          FROM generate_series(%(first)s + 1, %(first)s + %(customers)s) AS n
        RETURNING id
        """,
        p,
    )
    p["partner_ids"] = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [p["partner_ids"]]
    )
    # Invoices (one in 20 a refund) and one sales order for every second invoice.
    cr.execute(
        """
        CREATE TEMP TABLE bench_invoice AS
        SELECT i,
               (%(partner_ids)s::int[])[1 + (hashint4(%(first)s + i) & 2147483647)
                                            %% %(customers)s] AS partner_id,
               CASE WHEN i %% 20 = 0 THEN 'out_refund' ELSE 'out_invoice' END AS move_type,
               current_date - ((hashint4((%(first)s + i) * 7) & 2147483647) %% %(days)s) AS day
          FROM generate_series(1, %(invoices)s) AS i
        """,
        p,
    )
    cr.execute(
        """
        WITH moves AS (
            INSERT INTO account_move (name, move_type, state, date, invoice_date, journal_id,
                                      company_id, currency_id, partner_id,
                                      commercial_partner_id, auto_post, create_date,
                                      write_date, ref)
            SELECT 'KPIB/' || %(first)s || '/' || i, move_type, 'posted', day, day,
                   %(journal)s, %(company)s, %(currency)s, partner_id, partner_id, 'no',
                   now(), now(), i::varchar
              FROM bench_invoice
            RETURNING id, partner_id, date
        )
        INSERT INTO account_move_line (move_id, partner_id, company_id, journal_id,
                                       account_id, currency_id, company_currency_id,
                                       display_type, parent_state, date, product_id,
                                       quantity, price_unit, balance, amount_currency,
                                       debit, credit)
        SELECT m.id, m.partner_id, %(company)s, %(journal)s, %(account)s, %(currency)s,
               %(currency)s, 'product', 'posted', m.date, %(product)s, 2, 50, -100, -100,
               0, 100
          FROM moves m CROSS JOIN generate_series(1, 4)
        """,
        p,
    )
    # The first line of each invoice, by invoice number (temp tables analysed, so that
    # the joins are hashed rather than nested).
    cr.execute(
        """
        CREATE TEMP TABLE bench_line AS
        SELECT m.ref::int AS i, min(l.id) AS line_id
          FROM account_move m JOIN account_move_line l ON l.move_id = m.id
         WHERE m.journal_id = %(journal)s AND m.name LIKE 'KPIB/' || %(first)s || '/%%'
         GROUP BY m.ref;
        ANALYZE bench_invoice; ANALYZE bench_line;
        CREATE TEMP TABLE bench_order AS
        SELECT b.i, b.partner_id, b.day,
               b.day - ((hashint4(b.i * 3) & 2147483647) %% 12) AS ordered,
               CASE WHEN b.i %% 10 = 2 THEN 'draft' ELSE 'sale' END AS state,
               bl.line_id AS invoice_line_id
          FROM bench_invoice b JOIN bench_line bl ON bl.i = b.i
         WHERE b.i %% 2 = 0 AND b.move_type = 'out_invoice';
        ANALYZE bench_order
        """,
        p,
    )
    cr.execute(
        """
        WITH orders AS (
            INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                    company_id, currency_id, date_order, create_date,
                                    write_date, state, amount_untaxed, amount_total,
                                    currency_rate, team_id, user_id, client_order_ref)
            SELECT 'SB/' || %(first)s || '/' || o.i, o.partner_id, o.partner_id,
                   o.partner_id, %(company)s, %(currency)s, o.ordered, o.ordered, now(),
                   o.state, 400, 400, 1, u.sale_team_id, u.id, o.i::varchar
              FROM bench_order o
              JOIN res_partner p ON p.id = o.partner_id
              JOIN res_users u ON u.id = p.user_id
            RETURNING id, client_order_ref
        ), lines AS (
            INSERT INTO sale_order_line (order_id, name, product_uom_qty, price_unit,
                                         customer_lead, product_id, company_id, currency_id,
                                         create_date, write_date)
            SELECT id, 'Bench', 8, 50, 0, %(product)s, %(company)s, %(currency)s, now(), now()
              FROM orders
            RETURNING id, order_id
        )
        INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT l.id, o.invoice_line_id
          FROM lines l JOIN orders so ON so.id = l.order_id
          JOIN bench_order o ON o.i::varchar = so.client_order_ref AND o.state = 'sale'
        """,
        p,
    )
    cr.execute("DROP TABLE bench_invoice; DROP TABLE bench_line; DROP TABLE bench_order")
    # Complaints, 4 in 5 resolved after 1 to 40 working hours.
    cr.execute(
        """
        INSERT INTO crm_complaint (name, subject, channel, category, priority, date_open,
                                   date_resolved, hours_to_resolve, company_id, partner_id,
                                   commercial_partner_id, active, create_date, write_date)
        SELECT 'CB/' || %(first)s || '/' || i, 'Bench complaint', 'phone',
               (ARRAY['product','service','staff','delivery','price','other'])[1 + i %% 6],
               '1', opened, CASE WHEN i %% 5 > 0 THEN opened + hours * interval '1 hour' END,
               CASE WHEN i %% 5 > 0 THEN hours END, %(company)s, partner_id, partner_id, TRUE,
               now(), now()
          FROM (SELECT i, (%(partner_ids)s::int[])[1 + (hashint4(i * 5) & 2147483647)
                                                       %% %(customers)s] AS partner_id,
                       now() - ((hashint4(i * 11) & 2147483647) %% (%(days)s * 24))
                               * interval '1 hour' AS opened,
                       1 + (hashint4(i * 13) & 2147483647) %% 40 AS hours
                  FROM generate_series(%(first)s + 1, %(first)s + %(complaints)s) AS i) c
        """,
        p,
    )
    # Messages: 2 in 5 emails from the customer, 2 in 5 emails from their salesperson,
    # 1 in 5 a call or meeting done.
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, author_id, mail_activity_type_id,
                                  date, body, create_date, write_date)
        SELECT 'res.partner', partner_id,
               CASE WHEN i %% 5 = 4 THEN 'notification' ELSE 'email' END,
               CASE WHEN i %% 5 < 2 THEN partner_id
                    ELSE (%(rep_partners)s::int[])[1 + i %% %(teams)s] END,
               CASE WHEN i %% 5 = 4 THEN %(call)s END, day, '<p>Bench</p>', now(), now()
          FROM (SELECT i, (%(partner_ids)s::int[])[1 + (hashint4(i * 17) & 2147483647)
                                                       %% %(customers)s] AS partner_id,
                       now() - ((hashint4(i * 19) & 2147483647) %% (%(days)s * 24))
                               * interval '1 hour' AS day
                  FROM generate_series(1, %(messages)s) AS i) m
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO mailing_trace (model, res_id, trace_type, trace_status, email,
                                   sent_datetime, create_date, write_date, links_click_datetime)
        SELECT 'res.partner', partner_id, 'mail',
               (ARRAY['sent','open','reply','bounce','sent'])[1 + i %% 5], 'x@bench.example',
               day, day, day, CASE WHEN i %% 7 = 0 THEN day END
          FROM (SELECT i, (%(partner_ids)s::int[])[1 + (hashint4(i * 23) & 2147483647)
                                                       %% %(customers)s] AS partner_id,
                       now() - ((hashint4(i * 29) & 2147483647) %% %(days)s) * interval '1 day'
                           AS day
                  FROM generate_series(1, %(traces)s) AS i) t
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO crm_satisfaction_entry (partner_id, author_id, company_id, level, source,
                                            date, create_date, write_date)
        SELECT id, %(admin)s, %(company)s,
               (ARRAY['angry','dissatisfied','satisfied','happy','happy','delighted'])
                   [1 + (hashint4(id * 31) & 2147483647) %% 6],
               'manual', now() - ((hashint4(id * 37) & 2147483647) %% 730) * interval '1 day',
               now(), now()
          FROM unnest(%(partner_ids)s::int[]) AS id
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO crm_value_tier_history (partner_id, company_id, new_tier_id, old_tier_id,
                                            direction, clv_amount, date, create_date,
                                            write_date)
        SELECT id, %(company)s, (%(tiers)s::int[])[1 + h %% 5], NULL, 'new', 100 + h %% 9000,
               now() - (800 + h %% 600) * interval '1 day', now(), now()
          FROM (SELECT id, hashint4(id * 41) & 2147483647 AS h
                  FROM unnest(%(partner_ids)s::int[]) AS id) c
        UNION ALL
        SELECT id, %(company)s, (%(tiers)s::int[])[1 + (h + 1) %% 5],
               (%(tiers)s::int[])[1 + h %% 5], CASE WHEN h %% 2 = 0 THEN 'up' ELSE 'down' END,
               200 + h %% 9000, now() - (h %% 700) * interval '1 day', now(), now()
          FROM (SELECT id, hashint4(id * 43) & 2147483647 AS h
                  FROM unnest(%(partner_ids)s::int[]) AS id) c
         WHERE h %% 10 < 3
        """,
        p,
    )
    cr.execute(
        "ANALYZE res_partner; ANALYZE account_move; ANALYZE account_move_line; "
        "ANALYZE sale_order; ANALYZE crm_complaint; ANALYZE mail_message; "
        "ANALYZE mailing_trace; ANALYZE crm_satisfaction_entry; ANALYZE crm_value_tier_history"
    )
    env.cr.commit()
    print(
        f"generated {customers} customers, {p['invoices'] * 4} invoice lines, "
        f"{p['complaints']} complaints, {p['messages']} messages and activities in "
        f"{time.perf_counter() - started:.1f} s"
    )


def full_refresh(env) -> float:
    started = time.perf_counter()
    env["crm.kpi.snapshot"].refresh_snapshots(months=24, company_ids=env.company.ids, rebuild=True)
    env.cr.commit()
    return time.perf_counter() - started


def naive_refresh(env, sample: int) -> float:
    """Seconds per customer of the obvious ORM loop: every record of the customer read
    through the ORM and put in its month in Python."""
    company = env.company
    customers = env["res.partner"].search(
        [("customer_rank", ">", 0), ("name", "like", "Bench customer")], limit=sample
    )
    since = env.cr.now().date() - datetime.timedelta(days=DAYS)
    started = time.perf_counter()
    figures: dict = {}

    def add(day, code, amount=1.0):
        month = company._kpi_month_start(day)
        figures[(month, code)] = figures.get((month, code), 0.0) + amount

    for customer in customers:
        env.invalidate_all()  # a loop over customers does not keep everything in memory
        for order in env["sale.order"].search([("partner_id", "=", customer.id)]):
            if order.state == "sale":
                add(order.date_order, "sales_amount", order.amount_untaxed)
                add(order.date_order, "sales_count")
            add(order.create_date, "quotations")
            for invoice in order.invoice_ids.filtered(lambda m: m.state == "posted"):
                add(invoice.invoice_date, "delivery_days")
        for move in env["account.move"].search(
            [
                ("partner_id", "=", customer.id),
                ("state", "=", "posted"),
                ("invoice_date", ">=", since),
            ]
        ):
            add(move.invoice_date, "refunds" if move.move_type == "out_refund" else "bought")
        for complaint in env["crm.complaint"].search([("partner_id", "=", customer.id)]):
            add(complaint.date_open, f"complaints_{complaint.category}")
            if complaint.date_resolved:
                add(complaint.date_resolved, "resolve_hours", complaint.hours_to_resolve)
        for message in env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", customer.id)]
        ):
            internal = message.author_id.user_ids and not message.author_id.user_ids[0].share
            kind = "calls" if message.mail_activity_type_id else ("out" if internal else "in")
            add(message.date, kind)
        for trace in env["mailing.trace"].search(
            [("model", "=", "res.partner"), ("res_id", "=", customer.id)]
        ):
            add(trace.sent_datetime or trace.create_date, trace.trace_status)
        for entry in env["crm.satisfaction.entry"].search([("partner_id", "=", customer.id)]):
            add(entry.date, entry.level)
        for move in env["crm.value.tier.history"].search([("partner_id", "=", customer.id)]):
            add(move.date, f"tier_{move.new_tier_id.id}", move.clv_amount)
    elapsed = time.perf_counter() - started
    env.cr.rollback()
    return elapsed / len(customers)


def dashboard_seconds(env) -> float | None:
    if "crm.customer.dashboard" not in env:
        return None
    dashboard = env["crm.customer.dashboard"]
    runs = []
    for _run in range(3):
        env.invalidate_all()
        started = time.perf_counter()
        dashboard.get_dashboard_data({"period": 12})
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the sizes of issue 14")
    parser.add_argument("--sample", type=int, default=100, help="customers for the naive loop")
    parser.add_argument("--database", default="crm_bench_kpi")
    args = parser.parse_args()

    customers, lines = int(100_000 * args.scale), int(1_000_000 * args.scale)
    modules = "crm_customer_kpi" + (",crm_customer_dashboard" if dashboard_installable() else "")
    create_database(args.database, modules)
    with environment(args.database) as env:
        ids = setup(env)
        small_customers = customers // 10
        generate(env, ids, 0, small_customers, lines // 10)
        small_seconds = full_refresh(env)
        generate(env, ids, small_customers, customers - small_customers, lines - lines // 10)
        full_seconds = full_refresh(env)
        env.cr.execute("SELECT count(*) FROM crm_kpi_snapshot")
        snapshot_rows = env.cr.fetchone()[0]
        naive_per_customer = naive_refresh(env, args.sample)
        dashboard = dashboard_seconds(env)

    small_each = small_seconds / small_customers
    full_each = full_seconds / customers
    naive_total = naive_per_customer * customers
    ratio = naive_total / full_seconds
    print()
    print(
        f"full refresh, 24 months, {small_customers:>7} customers: {small_seconds:6.1f} s "
        f"({small_each * 1e6:6.1f} µs per customer)"
    )
    print(
        f"full refresh, 24 months, {customers:>7} customers: {full_seconds:6.1f} s "
        f"({full_each * 1e6:6.1f} µs per customer), {snapshot_rows} snapshot rows"
    )
    print(
        f"naive ORM loop (baseline), {args.sample} customers sampled: "
        f"{naive_per_customer * 1e3:7.1f} ms per customer, {naive_total:7.0f} s extrapolated "
        f"to {customers}"
    )
    print(f"ratio: the set-based refresh is {ratio:.0f}x faster than the naive loop")
    print(f"scaling: per-customer cost at full size / at a tenth = {full_each / small_each:.2f}")
    checks = {
        "full refresh <= 30 s": full_seconds <= 30,
        ">= 50x the naive loop": ratio >= 50,
        "linear (per-customer cost within 25 %)": full_each <= small_each * 1.25,
    }
    if dashboard is None:
        print("dashboard: crm_customer_dashboard not installable, not measured")
    else:
        print(f"dashboard data call (12 months, median of 3): {dashboard:.2f} s server time")
        checks["dashboard data call < 2 s"] = dashboard < 2
    return verdict(checks)


if __name__ == "__main__":
    raise SystemExit(main())
