"""setup.cfg declares every package the worker imports, with bounds that work."""

import ast
import configparser
import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
#: import name -> distribution name, where they differ
DISTRIBUTIONS = {"email_validator": "email-validator", "pydantic_settings": "pydantic-settings"}


def declared() -> dict[str, Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    lines = config["options"]["install_requires"].strip().splitlines()
    requirements = [Requirement(line) for line in lines if line.strip()]
    return {r.name.lower(): r for r in requirements}


def imported() -> set[str]:
    names = set()
    for path in (ROOT / "crm_sync").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "crm_sync"}


def test_every_import_of_the_worker_is_declared():
    requirements = declared()
    missing = {
        name for name in imported() if DISTRIBUTIONS.get(name, name).lower() not in requirements
    }
    assert not missing, f"declare in setup.cfg install_requires: {sorted(missing)}"


def test_urllib3_2_is_required():
    """Retry(backoff_max=...) is urllib3 2: with 1.26 (Odoo's Python) the client raises
    TypeError on its first call."""
    specifier = declared()["urllib3"].specifier
    assert not specifier.contains("1.26.18") and specifier.contains("2.2.0")
