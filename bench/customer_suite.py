"""Benchmark: the suite on an existing company's database, as a consultant installs it.

    $ODOO_PYTHON bench/customer_suite.py [--customers 20000] [--lines 200000] [--invoices 1000]

A fresh database with only Odoo's own addons the suite builds on (CRM, Contacts, Sales,
Invoicing, loyalty, SMS; no demo data), then in the same run:

1. `--customers` existing customers, each with a salesperson (10 of them), and their
   posted invoice lines (bulk SQL, as bench/value_recompute.py makes them);
2. posting `--invoices` customer invoices one by one, each in its own transaction, as
   accountants do, after 50 untimed ones (both runs start with warm caches): the
   baseline, without the suite;
3. installing "CRM Customer Suite" (`odoo-bin -i crm_customer_suite`): its time, then the
   first day's crons run as Odoo's cron runner runs them (batch after batch, committed
   between batches): the profile-review cron and the value-recompute cron that the
   install woke;
4. posting another `--invoices` invoices the same way, now with the suite installed.

Prints the install time, the review activities of day one, the customers that have a
value (and a tier) after install, both posting times and the suite's overhead; checks the
targets of issue 11: posting overhead at most 5 %, no review activity on day one, every
existing customer valued.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import time

from _odoo import ODOO_HOME, create_database, environment, odoo_args, verdict
from value_recompute import generate

BASE_MODULES = "crm,contacts,sale,account,sale_loyalty,phone_validation,sms"
SALESPEOPLE = 10
WARM_UP = 50


def add_salespeople(env, customers: int) -> None:
    """SALESPEOPLE users, each the salesperson of a share of the bench customers."""
    group = env.ref("sales_team.group_sale_salesman")
    users = env["res.users"].create(
        [
            {"name": f"Seller {n}", "login": f"seller{n}", "groups_id": [(6, 0, group.ids)]}
            for n in range(SALESPEOPLE)
        ]
    )
    env.cr.execute(
        """
        UPDATE res_partner p SET user_id = (%(users)s::int[])[1 + p.id %% %(count)s]
         WHERE p.name LIKE 'Bench customer %%'
        """,
        {"users": users.ids, "count": len(users)},
    )
    print(f"{customers} customers shared by {len(users)} salespeople")


def draft_invoices(env, count: int, tag: str):
    """`count` draft invoices of bench customers, two lines each, created in one batch."""
    partners = env["res.partner"].search(
        [("name", "like", "Bench customer %")], limit=count, order="id desc"
    )
    product = env["product.product"].create({"name": f"Posted {tag}", "list_price": 120.0})
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    (0, 0, {"product_id": product.id, "quantity": 2, "price_unit": 120.0}),
                    (0, 0, {"name": "Service", "quantity": 1, "price_unit": 80.0}),
                ],
            }
            for partner in partners
        ]
    )
    env.cr.commit()
    return moves.ids


def post_one_by_one(env, move_ids: list[int]) -> tuple[float, float]:
    """Post the invoices, each in its own transaction, after WARM_UP untimed ones (caches
    filled the same way in both runs). Returns (total seconds, median seconds per
    invoice): the median is robust to the other jobs of a shared machine."""
    for move_id in move_ids[:WARM_UP]:
        env["account.move"].browse(move_id).action_post()
        env.cr.commit()
    times = []
    for move_id in move_ids[WARM_UP:]:
        started = time.perf_counter()
        env["account.move"].browse(move_id).action_post()
        env.cr.commit()
        times.append(time.perf_counter() - started)
    return sum(times), statistics.median(times)


def install_suite(database: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ODOO_HOME / "odoo-bin"),
            *odoo_args(database),
            "-i",
            "crm_customer_suite",
            "--without-demo=all",
            "--stop-after-init",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        check=True,
    )
    return time.perf_counter() - started


def run_cron(env, xmlid: str) -> tuple[int, float]:
    """Run a cron as Odoo 18's runner does: its action with a progress record, committed,
    again while it reports work remaining. Returns (calls, seconds)."""
    cron = env.ref(xmlid)
    cron = cron.with_user(cron.user_id)
    started, calls = time.perf_counter(), 0
    while True:
        job, progress = cron._add_progress()
        env.cr.commit()
        job.ir_actions_server_id.with_context(**job.env.context).run()
        env.cr.commit()
        calls += 1
        if not progress.remaining:
            return calls, time.perf_counter() - started


@contextlib.contextmanager
def fresh_environment(database: str):
    """An environment on the registry as it is now (after the suite's install), in this
    process where `environment` has already configured Odoo."""
    import odoo

    registry = odoo.modules.registry.Registry.new(database)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--invoices", type=int, default=1_000)
    parser.add_argument("--database", default="crm_bench_suite")
    args = parser.parse_args()

    create_database(args.database, BASE_MODULES)
    with environment(args.database) as env:
        generate(env, 0, args.customers, args.lines)
        add_salespeople(env, args.customers)
        env.cr.commit()
        before_ids = draft_invoices(env, args.invoices + WARM_UP, "before")
        base_seconds, base_median = post_one_by_one(env, before_ids)
        env.cr.execute("SELECT COUNT(*) FROM mail_activity")
        activities_before = env.cr.fetchone()[0]
        env.cr.execute("SELECT COUNT(*) FROM res_partner WHERE customer_rank > 0")
        customers = env.cr.fetchone()[0]
    print(
        f"posting {args.invoices} invoices without the suite: {base_seconds:.1f} s "
        f"(median {base_median * 1000:.1f} ms per invoice)"
    )

    install_seconds = install_suite(args.database)
    print(f"installing CRM Customer Suite: {install_seconds:.1f} s")

    with fresh_environment(args.database) as env:
        review_calls, review_seconds = run_cron(
            env, "crm_customer_profile.ir_cron_request_profile_reviews"
        )
        value_calls, value_seconds = run_cron(env, "crm_customer_value.ir_cron_recompute_values")
        env.cr.execute("SELECT COUNT(*) FROM mail_activity")
        day_one_activities = env.cr.fetchone()[0] - activities_before
        env.cr.execute(
            "SELECT COUNT(*), COUNT(value_tier_id) FROM crm_customer_value WHERE company_id = %s",
            [env.company.id],
        )
        valued, tiered = env.cr.fetchone()
        after_ids = draft_invoices(env, args.invoices + WARM_UP, "after")
        suite_seconds, suite_median = post_one_by_one(env, after_ids)
        env.cr.execute("SELECT COUNT(DISTINCT partner_id) FROM crm_customer_value_queue")
        queued = env.cr.fetchone()[0]

    overhead = (suite_seconds - base_seconds) / base_seconds
    median_overhead = (suite_median - base_median) / base_median
    print(f"day one: review cron {review_calls} call(s) in {review_seconds:.1f} s")
    print(
        f"day one: value cron {value_calls} call(s) (batches) in {value_seconds:.1f} s, "
        f"{valued} of {customers} customers valued, {tiered} with a tier"
    )
    print(f"activities created on day one: {day_one_activities}")
    print(
        f"posting {args.invoices} invoices with the suite: {suite_seconds:.1f} s "
        f"(median {suite_median * 1000:.1f} ms per invoice; {queued} customers queued "
        f"for the next value cron)"
    )
    print(
        f"posting overhead of the suite: total {overhead * 100:+.1f} %, "
        f"median per invoice {median_overhead * 100:+.1f} %"
    )
    checks = {
        "posting overhead <= 5 % (median per invoice)": median_overhead <= 0.05,
        "no review activity on day one": day_one_activities == 0,
        "every existing customer valued after install": valued == customers,
        "every valued customer in a tier": tiered == valued,
    }
    return verdict(checks)


if __name__ == "__main__":
    raise SystemExit(main())
