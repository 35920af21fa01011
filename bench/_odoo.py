"""Benchmarks' access to a real Odoo 18: make a fresh database with the addons installed,
and open an environment on it in this process. Run benchmarks with Odoo's Python."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ODOO_HOME = Path(os.environ.get("ODOO_HOME", "/opt/odoo18"))


def odoo_args(database: str) -> list[str]:
    return [
        "-d",
        database,
        f"--addons-path={ODOO_HOME / 'addons'},{ROOT / 'odoo_addons'}",
        f"--db_host={os.environ.get('PGHOST', '127.0.0.1')}",
        f"--db_port={os.environ.get('PGPORT', '5432')}",
        f"--db_user={os.environ.get('PGUSER', os.environ.get('USER', 'root'))}",
    ]


def create_database(database: str, modules: str) -> None:
    """A new database with `modules` installed and no demo data."""
    subprocess.run(
        ["dropdb", "--if-exists", "-h", os.environ.get("PGHOST", "127.0.0.1"), database],
        check=False,
    )
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ODOO_HOME / "odoo-bin"),
            *odoo_args(database),
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    print(f"database {database}: {modules} installed in {time.perf_counter() - started:.0f} s")


@contextlib.contextmanager
def environment(database: str):
    """An Odoo environment as the superuser; commits when the block ends without error."""
    sys.path.insert(0, str(ODOO_HOME))
    import odoo  # importable only once ODOO_HOME is on the path

    odoo.tools.config.parse_config([*odoo_args(database), "--log-level=warn"])
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def peak_memory_mb(process: subprocess.Popen) -> float:
    """Wait for `process`, sampling its peak resident memory (VmHWM) from /proc."""
    peak_kb = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak_kb = max(peak_kb, int(status.split("VmHWM:")[1].split()[0]))
        except (FileNotFoundError, IndexError):
            pass
        time.sleep(0.1)
    return peak_kb / 1024


def verdict(checks: dict[str, bool]) -> int:
    """Print each target as PASS or FAIL; the exit code is 0 only when all pass."""
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}: {name}")
    return 0 if all(checks.values()) else 1
