"""Benchmark: web-form leads into a real Odoo through crm-sync, against Odoo's own
in-process limit and against the naive way.

    .venv/bin/python bench/sync_leads.py [--leads 10000] [--naive 300] [--backfill 100000]

(the worker's Python; the in-process limit is measured in Odoo's, `$ODOO_PYTHON`.)

A fresh database with crm_sync_connector, a web-form provider on loopback, then in the
same run:

1. crm-sync pulls `--leads` submissions (pages of 500, one RPC per batch of 500);
2. the limit: the same records created by Odoo itself, in process, in batches of 500,
   tracking off (`crm.lead.create` with the values the importer gives; rolled back), in
   Odoo's Python: nothing over the wire, no validation, no matching, no bindings; and,
   for comparison only, the same create given the stage once per batch as crm-sync
   gives it (crm's own create finds it lead by lead), which the targets do not use;
3. the naive integration (baseline) on `--naive` other submissions: per lead, an XML-RPC
   search by email, then an XML-RPC create;
4. `crm-sync backfill` in its own process over `--backfill` submissions, its peak memory
   (VmHWM) read from /proc while it runs.

Prints the rates, crm-sync's share of the limit, its ratio to the naive rate and the peak
memory; checks the targets: at least 75% of the limit (issue 10), at least 20x the naive
rate, worker memory below 200 MB (issue 6).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _odoo import environment, peak_memory_mb, verdict  # noqa: E402

PAGE = 500


def submissions(prefix: str, count: int) -> list[dict]:
    """Distinct emails and phones per prefix: a known phone would update that lead instead."""
    area = {"bench": 935, "naive": 936, "backfill": 937}[prefix]
    return [
        {
            "id": f"{prefix}-{n}",
            "subject": f"Web form {n}",
            "name": f"Visitor {n}",
            "email": f"{prefix}.{n}@example.com",
            "phone": f"+98{area}{n:07d}",
            "message": "<p>Please call me about the offer</p>",
        }
        for n in range(count)
    ]


def settings_for(server, name: str, provider):
    from pydantic import SecretStr

    from crm_sync.config import OdooSettings, Settings, SourceSettings

    return Settings(
        odoo=OdooSettings(
            url=server.url,
            database=server.database,
            login=server.login,
            api_key=SecretStr(server.api_key),
            timeout_seconds=300,
        ),
        batch_size=PAGE,
        sources=[
            SourceSettings(
                name=name,
                kind="rest_json",
                options={"url": provider.url, "pagination": "page", "page_size": PAGE},
            )
        ],
    )


def crm_sync_rate(server, count: int) -> float:
    from crm_sync.odoo import OdooClient
    from crm_sync.pipeline import run_source
    from tests.loopback import WebFormProvider

    provider = WebFormProvider()
    provider.submissions = submissions("bench", count)
    settings = settings_for(server, "bench", provider)
    started = time.perf_counter()
    report = run_source(settings, settings.source("bench"), OdooClient(settings.odoo)).as_dict()
    elapsed = time.perf_counter() - started
    provider.close()
    assert report["created"] == count, report
    return count / elapsed


def limit_rate(server, count: int) -> float:
    """Odoo's own batched create of the same records, in process (Odoo's Python)."""
    from tests.odoo_server import odoo_python

    out = subprocess.run(
        [odoo_python(), __file__, "--in-process-limit", server.database, str(count)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rates = json.loads(out.stdout.strip().splitlines()[-1])
    return rates["rate"], rates["rate_stage_once"]


def in_process_limit(database: str, count: int) -> None:
    """In Odoo's Python: `crm.lead.create` in batches of PAGE with tracking off, on the
    values the importer gives each record (no salesperson: the assignment rules pick one);
    a warm-up batch first, as the server process is warm; timed, then rolled back."""
    rows = submissions("bench", count)
    with environment(database) as env:
        leads = env["crm.lead"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )

        def values(batch: list[dict]) -> list[dict]:
            return [
                {
                    "name": row["subject"],
                    "contact_name": row["name"],
                    "email_from": row["email"],
                    "phone": row["phone"],
                    "description": row["message"],
                    "company_id": env.company.id,
                    "team_id": False,
                    "user_id": False,
                }
                for row in batch
            ]

        def timed(model) -> float:
            model.create(values(submissions("naive", 50)))  # warm-up, not timed
            env.flush_all()
            started = time.perf_counter()
            for start in range(0, count, PAGE):
                model.create(values(rows[start : start + PAGE]))
                env.flush_all()
            elapsed = time.perf_counter() - started
            env.cr.rollback()
            env.invalidate_all()
            return count / elapsed

        rate = timed(leads)
        stage = leads._stage_find(domain=[("fold", "=", False)])
        rate_stage_once = timed(leads.with_context(default_stage_id=stage.id))
    print(json.dumps({"rate": rate, "rate_stage_once": rate_stage_once}))


def naive_rate(server, count: int) -> float:
    """Per lead: search by email, then create, one XML-RPC call each (the baseline)."""
    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    uid = common.authenticate(server.database, server.login, server.api_key, {})
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)
    rows = submissions("naive", count)
    started = time.perf_counter()
    for row in rows:
        found = models.execute_kw(
            server.database, uid, server.api_key, "crm.lead", "search",
            [[("email_from", "=", row["email"])]], {"limit": 1},
        )  # fmt: skip
        if not found:
            models.execute_kw(
                server.database, uid, server.api_key, "crm.lead", "create",
                [{"name": row["subject"], "contact_name": row["name"], "email_from": row["email"],
                  "phone": row["phone"], "description": row["message"]}],
            )  # fmt: skip
    return count / (time.perf_counter() - started)


def backfill_peak_memory(server, count: int, tmp: Path) -> tuple[float, float]:
    """Peak RSS (MB) of `crm-sync backfill` over `count` submissions, and its duration."""
    from tests.loopback import WebFormProvider

    provider = WebFormProvider()
    provider.submissions = submissions("backfill", count)
    config = tmp / "bench-crm-sync.toml"
    config.write_text(
        f"""batch_size = {PAGE}
[odoo]
url = "{server.url}"
database = "{server.database}"
login = "{server.login}"
timeout_seconds = 300
[[sources]]
name = "backfill"
kind = "rest_json"
options = {{ url = "{provider.url}", pagination = "page", page_size = {PAGE} }}
""",
        encoding="utf-8",
    )
    env = {**os.environ, "CRM_SYNC_CONFIG": str(config), "CRM_SYNC_ODOO__API_KEY": server.api_key}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "crm_sync.cli", "backfill", "--source", "backfill"],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    peak_mb = peak_memory_mb(process)
    elapsed = time.perf_counter() - started
    provider.close()
    if process.returncode:
        raise SystemExit(f"backfill failed with exit code {process.returncode}")
    return peak_mb, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=300)
    parser.add_argument("--backfill", type=int, default=100_000)
    parser.add_argument("--database", default="crm_bench_sync")
    parser.add_argument("--in-process-limit", nargs=2, metavar=("DATABASE", "COUNT"))
    args = parser.parse_args()
    if args.in_process_limit:
        in_process_limit(args.in_process_limit[0], int(args.in_process_limit[1]))
        return 0
    from tests.odoo_server import OdooServer

    server = OdooServer(database=args.database)
    server.create()
    server.start()
    try:
        limit, limit_stage_once = limit_rate(server, args.leads)
        fast = crm_sync_rate(server, args.leads)
        slow = naive_rate(server, args.naive)
        peak_mb, backfill_seconds = backfill_peak_memory(server, args.backfill, Path("/tmp"))
    finally:
        server.drop()
    share, ratio = fast / limit, fast / slow
    print(
        f"limit: Odoo's in-process batched crm.lead create (tracking off), {args.leads} leads: "
        f"{limit:7.1f} leads/s"
    )
    print(
        f"for comparison, the same create given the stage once per batch (as crm-sync does): "
        f"{limit_stage_once:7.1f} leads/s"
    )
    print(f"crm-sync: {args.leads} leads at {fast:7.1f} leads/s (batches of {PAGE})")
    print(f"naive XML-RPC (baseline), {args.naive} leads: {slow:7.1f} leads/s (search + create)")
    print(f"share: crm-sync end to end is {share:.0%} of the limit")
    print(
        f"share of the create given the stage once per batch: {fast / limit_stage_once:.0%} "
        "(not a target)"
    )
    print(f"ratio: crm-sync is {ratio:.1f}x the naive rate")
    print(
        f"backfill of {args.backfill} submissions: {backfill_seconds:.0f} s, "
        f"worker peak memory {peak_mb:.0f} MB"
    )
    checks = {
        ">= 75% of the limit": share >= 0.75,
        ">= 20x the naive rate": ratio >= 20,
        "worker memory < 200 MB": peak_mb < 200,
    }
    return verdict(checks)


if __name__ == "__main__":
    raise SystemExit(main())
