"""A real Odoo 18 for the worker's end-to-end tests: a fresh database with
crm_sync_connector, an integration user with an API key, and the server on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
ODOO_HOME = Path(os.environ.get("ODOO_HOME", "/opt/odoo18"))
PGHOST = os.environ.get("PGHOST", "127.0.0.1")

USER_SCRIPT = """
user = env["res.users"].create({
    "name": "crm-sync worker", "login": "crm-sync",
    "groups_id": [(6, 0, [env.ref("base.group_user").id,
        env.ref("crm_sync_connector.crm_sync_connector_group_integration").id])],
})
import datetime
expires = datetime.datetime.now() + datetime.timedelta(days=1)
key = env["res.users.apikeys"].with_user(user)._generate(None, "crm-sync tests", expires)
env.cr.commit()
print("APIKEY=" + key)
"""


def odoo_python() -> str:
    explicit = os.environ.get("ODOO_PYTHON")
    if explicit:
        return explicit
    venv = ODOO_HOME / "venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def why_no_odoo() -> str | None:
    if not (ODOO_HOME / "odoo-bin").exists():
        return f"no Odoo at ODOO_HOME={ODOO_HOME}"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class OdooServer:
    database: str
    modules: str = "crm_sync_connector"
    port: int = field(default_factory=free_port)
    api_key: str = ""
    login: str = "crm-sync"
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    def __post_init__(self) -> None:
        if self.log_path is None:  # one log per database: two runs never mix their logs
            self.log_path = Path(tempfile.gettempdir()) / f"crm-sync-e2e-{self.database}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _args(self) -> list[str]:
        return [
            odoo_python(),
            str(ODOO_HOME / "odoo-bin"),
            "-d",
            self.database,
            f"--addons-path={ODOO_HOME / 'addons'},{ROOT / 'odoo_addons'}",
            f"--db_host={PGHOST}",
            f"--db_user={os.environ.get('PGUSER', os.environ.get('USER', 'root'))}",
            f"--db-filter=^{self.database}$",
            "--max-cron-threads=0",
            "--log-level=warn",
        ]

    def create(self) -> None:
        subprocess.run(["dropdb", "--if-exists", "-h", PGHOST, self.database], check=False)
        subprocess.run(
            [*self._args(), "-i", self.modules, "--without-demo=all", "--stop-after-init"],
            check=True,
            capture_output=True,
        )
        args = self._args()
        shell = [args[0], args[1], "shell", *args[2:]]
        out = subprocess.run(shell, input=USER_SCRIPT, text=True, check=True, capture_output=True)
        self.api_key = next(
            line.split("=", 1)[1] for line in out.stdout.splitlines() if line.startswith("APIKEY=")
        )

    def start(self) -> None:
        """Start the server on its port; a port taken meanwhile (free_port only found it
        free a moment ago) makes it try once more on another."""
        for _attempt in range(2):
            if self._start_on_port():
                return
            self.stop()
            self.port = free_port()
        raise RuntimeError(f"Odoo did not start; see {self.log_path}")

    def _start_on_port(self) -> bool:
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [*self._args(), f"--http-port={self.port}", "--http-interface=127.0.0.1"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).ok:
                    time.sleep(0.5)  # an Odoo that lost the port to another one exits
                    return self.process.poll() is None
            except requests.RequestException:
                time.sleep(0.3)
        return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def drop(self) -> None:
        self.stop()
        subprocess.run(["dropdb", "--if-exists", "-h", PGHOST, self.database], check=False)
        shutil.rmtree(
            Path.home() / ".local/share/Odoo/filestore" / self.database, ignore_errors=True
        )

    def sql(self, query: str) -> list[tuple]:
        out = subprocess.run(
            ["psql", "-h", PGHOST, "-At", "-F", "\t", "-c", query, self.database],
            check=True,
            capture_output=True,
            text=True,
        )
        return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]
