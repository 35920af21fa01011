"""The set-up script's plan (scripts/crm_setup.py), read without an Odoo: which addons it
installs for the languages it loads, alone and as the docker stack's `setup` runs it."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = "crm_jalali_calendar"


@pytest.fixture(scope="module")
def crm_setup():
    spec = importlib.util.spec_from_file_location("crm_setup", ROOT / "scripts" / "crm_setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_persian_brings_the_jalali_calendar(crm_setup):
    """The set-up loaded Persian and left its users on Gregorian dates named with Persian
    months: the calendar comes with Persian now, and only with it."""
    assert crm_setup.modules_to_install(["crm_customer_suite"], ["fa_IR"]) == [
        "crm_customer_suite",
        CALENDAR,
    ]
    assert crm_setup.modules_to_install(["crm_customer_suite"], ["en_US"]) == ["crm_customer_suite"]
    assert crm_setup.modules_to_install(["crm_customer_suite"], ["de_DE", "fa_IR"]) == [
        "crm_customer_suite",
        CALENDAR,
    ]
    # Asked for by name, once.
    assert crm_setup.modules_to_install([CALENDAR], ["fa_IR"]) == [CALENDAR]


def test_the_docker_setup_installs_the_calendar(crm_setup, monkeypatch):
    """`docker compose up` runs the script with its defaults: Persian, so the calendar."""
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    service = compose["services"]["setup"]
    # The script's own arguments, however the shell line around it is written.
    line = re.search(r"crm_setup\.py(.*?)(?:&&|;|\|\||$)", " ".join(service["command"]), re.S)
    argv = shlex.split(line.group(1))
    for name in ("CRM_MODULES", "CRM_LANGUAGES"):
        monkeypatch.delenv(name, raising=False)
        assert name not in service.get("environment", {}), name
    args, _odoo_args = crm_setup.parse_args(argv)
    modules = crm_setup.modules_to_install(args.modules.split(","), args.languages.split(","))
    assert CALENDAR in modules
