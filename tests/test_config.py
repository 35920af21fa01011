from pathlib import Path

import pytest
from pydantic import ValidationError

from crm_sync.config import Settings


def test_toml_file_describes_odoo_and_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "crm-sync.toml"
    config.write_text(
        """
[odoo]
url = "http://odoo.internal:8069"
database = "prod"
login = "crm-sync"
api_key = "s3cret-key"

[[sources]]
name = "website"
kind = "rest_json"
every_seconds = 60
options = { url = "http://forms.local/api", page_size = 100 }
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    settings = Settings()
    assert settings.odoo.database == "prod"
    assert settings.source("website").options["page_size"] == 100
    with pytest.raises(KeyError, match="website"):
        settings.source("missing")


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "crm-sync.toml"
    config.write_text('[odoo]\ndatabase = "from-file"\n', encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    monkeypatch.setenv("CRM_SYNC_ODOO__DATABASE", "from-env")
    assert Settings().odoo.database == "from-env"


def no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No configuration file: neither named nor in the working directory."""
    monkeypatch.delenv("CRM_SYNC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_secrets_never_show_in_reprs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    no_file(monkeypatch, tmp_path)
    monkeypatch.setenv("CRM_SYNC_ODOO__API_KEY", "top-secret-value")
    settings = Settings()
    assert "top-secret-value" not in repr(settings)
    assert "top-secret-value" not in settings.model_dump_json()
    assert settings.odoo.api_key.get_secret_value() == "top-secret-value"


def test_invalid_source_name_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    no_file(monkeypatch, tmp_path)
    with pytest.raises(ValidationError, match="name"):
        Settings(sources=[{"name": "has spaces", "kind": "file"}])
