"""The README's configuration example is valid: what operators copy must work."""

import re
from pathlib import Path

from crm_sync.config import Settings
from crm_sync.sources import build_source

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_configuration_loads(tmp_path, monkeypatch):
    block = re.search(r"cat > crm-sync.toml <<'TOML'\n(.*?)\nTOML", README.read_text(), re.S)
    config = tmp_path / "crm-sync.toml"
    config.write_text(block.group(1), encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    settings = Settings()
    assert [s.kind for s in settings.sources] == ["rest_json", "imap"]
    for source in settings.sources:
        for option, variable in source.options.items():
            if option.endswith("_env"):  # the README exports them before `check`
                monkeypatch.setenv(variable, "from-the-environment")
        assert build_source(source).name == source.name


def test_the_docker_configuration_loads(monkeypatch):
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(README.parent / "docker" / "crm-sync.toml"))
    assert Settings().odoo.database == "crm"
