"""The docker stack is right by construction: no engine runs here, so its logic is read from
the files themselves (compose.yaml, the Dockerfiles, the worker's settings file) and checked
against what the set-up script and the worker actually do."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from crm_sync.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
SECRET_NAME = "crm_sync_odoo__api_key"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def _depends(service: dict) -> dict:
    return service.get("depends_on", {})


def _mounts(service: dict) -> dict[str, str]:
    """target -> source (with ':ro' kept on the target when read-only)."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target, *mode = volume.split(":")
        mounts[target] = source + (":ro" if mode == ["ro"] else "")
    return mounts


def test_setup_runs_once_before_everything_that_needs_the_database(compose):
    services = compose["services"]
    assert _depends(services["setup"])["db"]["condition"] == "service_healthy"
    assert services["setup"]["restart"] == "no"
    for name in ("odoo", "worker", "beat"):
        assert _depends(services[name])["setup"]["condition"] == (
            "service_completed_successfully"
        ), name
    for name in ("worker", "beat"):
        assert _depends(services[name])["odoo"]["condition"] == "service_healthy"
        assert "healthcheck" in services["odoo"]


def test_setup_uses_the_odoo_image_and_the_repository_script(compose):
    services = compose["services"]
    assert services["setup"]["build"] == services["odoo"]["build"]
    assert services["setup"]["image"] == services["odoo"]["image"]
    dockerfile = (DOCKER / "odoo.Dockerfile").read_text()
    assert "COPY scripts/crm_setup.py /opt/crm-practice/crm_setup.py" in dockerfile
    assert "/opt/crm-practice/crm_setup.py" in " ".join(services["setup"]["command"])


def test_the_api_key_reaches_the_worker_as_a_secret_file(compose, tmp_path, monkeypatch):
    services = compose["services"]
    command = " ".join(services["setup"]["command"])
    secret = re.search(r"--secret-file (\S+)", command).group(1)
    secrets_dir, name = secret.rsplit("/", 1)
    assert name == SECRET_NAME
    assert _mounts(services["setup"])[secrets_dir] == "crm-sync-secrets"
    for worker in ("worker", "beat"):
        assert _mounts(services[worker])[secrets_dir] == "crm-sync-secrets:ro"
        assert services[worker]["environment"]["CRM_SYNC_SECRETS_DIR"] == secrets_dir
    assert "crm-sync-secrets" in compose["volumes"]
    # The owner the set-up hands the key to is the worker image's user.
    owner = re.search(r"--secret-owner (\d+)", command).group(1)
    assert f"--uid {owner} " in (DOCKER / "Dockerfile").read_text()
    # And the worker really reads a file of that name as its API key.
    (tmp_path / SECRET_NAME).write_text("key-from-the-set-up\n")
    monkeypatch.setenv("CRM_SYNC_SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(DOCKER / "crm-sync.toml"))
    monkeypatch.delenv("CRM_SYNC_ODOO__API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings().odoo.api_key.get_secret_value() == "key-from-the-set-up"


def test_the_drop_folder_is_a_folder_of_the_repository(compose, monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(DOCKER / "crm-sync.toml"))
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    drops = {s.options["path"] for s in settings.sources if s.kind == "file"}
    patterns = {s.options["pattern"] for s in settings.sources if s.kind == "file"}
    assert patterns == {"*.csv", "*.jsonl"}
    assert len(drops) == 1
    (drop,) = drops
    for worker in ("worker", "beat"):
        assert _mounts(compose["services"][worker])[drop] == "./inbox:ro"
    assert (DOCKER / "inbox").is_dir()
    assert settings.odoo.login == "crm-sync"


def test_the_database_password_is_set_in_one_place(compose):
    text = (DOCKER / "compose.yaml").read_text()
    passwords = set(re.findall(r"\$\{POSTGRES_PASSWORD:-([^}]*)\}", text))
    assert len(passwords) == 1, passwords
    services = compose["services"]
    password = services["db"]["environment"]["POSTGRES_PASSWORD"]
    assert services["odoo"]["environment"]["PASSWORD"] == password
    assert services["setup"]["environment"]["PASSWORD"] == password
    # The official image prefers odoo.conf's db_password over the environment.
    conf = (DOCKER / "odoo.conf").read_text()
    assert not re.search(r"^\s*db_(password|user|host)\s*=", conf, re.M)


def test_the_odoo_image_has_what_the_addons_import():
    wanted = set()
    for manifest in (ROOT / "odoo_addons").glob("*/__manifest__.py"):
        data = ast.literal_eval(manifest.read_text())
        wanted |= set(data.get("external_dependencies", {}).get("python", []))
    listed = {
        re.split(r"[<>=!~ ]", line.strip())[0]
        for line in (DOCKER / "odoo-requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert listed == wanted
    dockerfile = (DOCKER / "odoo.Dockerfile").read_text()
    assert "rtlcss" in dockerfile
    assert "wkhtmltopdf" in dockerfile
    assert "odoo-requirements.txt" in dockerfile


def test_every_addon_builds_like_an_oca_addon():
    for addon in (ROOT / "odoo_addons").glob("*/__manifest__.py"):
        pyproject = addon.parent / "pyproject.toml"
        assert pyproject.exists(), addon.parent.name
        assert 'build-backend = "whool.buildapi"' in pyproject.read_text()
