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


def test_every_source_example_of_the_readme_loads_and_builds(tmp_path, monkeypatch):
    """The option table's examples, one per pagination style, are valid as written."""
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) >= 6
    kinds = set()
    for number, block in enumerate(blocks):
        config = tmp_path / f"example-{number}.toml"
        config.write_text(block, encoding="utf-8")
        monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
        for source in Settings().sources:
            for option, variable in source.options.items():
                if option.endswith("_env"):
                    monkeypatch.setenv(variable, "from-the-environment")
            build_source(source)
            kinds.add(source.options.get("pagination", "page"))
    assert kinds == {"page", "offset", "cursor", "since"}


def test_the_readme_names_every_rest_json_option():
    from crm_sync.sources.rest_json import RestJsonOptions

    text = README.read_text()
    missing = [name for name in RestJsonOptions.model_fields if f"`{name}`" not in text]
    assert not missing, missing
