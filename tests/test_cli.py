import pytest

from crm_sync import cli


@pytest.fixture
def config_file(tmp_path, monkeypatch, jsonrpc_server):
    url, server = jsonrpc_server
    path = tmp_path / "crm-sync.toml"
    path.write_text(
        f'[odoo]\nurl = "{url}"\ndatabase = "db"\napi_key = "very-secret"\n'
        '[[sources]]\nname = "website"\nkind = "rest_json"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(path))
    return server


def ok(result):
    return lambda payload: (200, {"jsonrpc": "2.0", "result": result})


def test_check_passes_with_rights(config_file, capsys):
    config_file.script = [ok({"server_version": "18.0"}), ok(5), ok(True), ok(True), ok(True)]
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert "rights: ok" in out
    assert "very-secret" not in out


def test_check_reports_missing_rights(config_file, capsys):
    config_file.script = [ok({"server_version": "18.0"}), ok(5), ok(True), ok(False), ok(True)]
    assert cli.main(["check"]) == 3
    assert "MISSING create crm.lead" in capsys.readouterr().out


def test_check_reports_unreachable_odoo(tmp_path, monkeypatch, capsys):
    path = tmp_path / "crm-sync.toml"
    path.write_text('[odoo]\nurl = "http://127.0.0.1:9"\nmax_retries = 0\n', encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(path))
    assert cli.main(["check"]) == 2
    assert "odoo: FAILED" in capsys.readouterr().out


def test_sources_lists_configured_sources(config_file, capsys):
    assert cli.main(["sources"]) == 0
    assert "website\trest_json" in capsys.readouterr().out


def test_invalid_configuration_is_a_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "crm-sync.toml"
    path.write_text("[odoo]\ntimeout_seconds = -1\n", encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(path))
    with pytest.raises(SystemExit, match="configuration is invalid"):
        cli.main(["sources"])
