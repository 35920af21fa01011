"""The operator's command line: `check` says what is wrong in words that say what to do;
`run --once` goes on past a failing source and says so in its exit code."""

import pytest

from crm_sync import cli
from crm_sync.scheduler import EXIT_FAILED, EXIT_LEASED


def write_config(tmp_path, monkeypatch, text: str):
    path = tmp_path / "crm-sync.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(path))
    return path


@pytest.fixture
def odoo(fake_odoo, tmp_path, monkeypatch):
    url, odoo = fake_odoo
    odoo.url = url
    odoo.configure = lambda sources="", odoo_extra='api_key = "very-secret"\n': write_config(
        tmp_path, monkeypatch, f'[odoo]\nurl = "{url}"\ndatabase = "db"\n{odoo_extra}{sources}'
    )
    return odoo


DROP = '[[sources]]\nname = "drop"\nkind = "file"\noptions = {{ path = "{path}" }}\n'


def test_check_passes_with_rights(odoo, tmp_path, capsys):
    odoo.configure(DROP.format(path=tmp_path))
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert "user crm-sync: ok" in out and "source drop (file): ok" in out
    assert "very-secret" not in out


def test_check_reports_missing_rights(odoo, capsys):
    odoo.configure()
    odoo.rights = False
    assert cli.main(["check"]) == 4
    assert "MISSING" in capsys.readouterr().out


def test_check_reports_a_user_without_internal_user(odoo, capsys):
    """The run needs Internal User (message subtypes): check says so before a run fails."""
    odoo.configure()
    odoo.groups.discard("base.group_user")
    assert cli.main(["check"]) == 4
    assert "MISSING Internal User" in capsys.readouterr().out


def test_check_says_to_install_the_addon(odoo, capsys):
    odoo.configure()
    odoo.addon = False
    assert cli.main(["check"]) == 3
    out = capsys.readouterr().out
    assert "install *CRM Sync Connector*" in out and "database db" in out
    assert "rights" not in out


def test_check_names_the_api_key_variable(odoo, capsys, monkeypatch):
    monkeypatch.delenv("CRM_SYNC_ODOO__API_KEY", raising=False)
    odoo.configure(odoo_extra="")
    assert cli.main(["check"]) == 3
    assert "set CRM_SYNC_ODOO__API_KEY" in capsys.readouterr().out
    assert odoo.calls == []


def test_check_reports_unreachable_odoo(tmp_path, monkeypatch, capsys):
    write_config(
        tmp_path,
        monkeypatch,
        '[odoo]\nurl = "http://127.0.0.1:9"\napi_key = "k"\nmax_retries = 0\n',
    )
    assert cli.main(["check"]) == 3
    assert "odoo: FAILED" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[odoo]\ndatabse = "crm"\n', '"odoo.databse" is not a setting'),
        ("batchsize = 3\n", '"batchsize" is not a setting'),
        (
            '[[sources]]\nname = "website"\nkind = "rest_jsn"\n',
            'source "website": unknown kind "rest_jsn" (valid kinds: rest_json, soap, file',
        ),
        (
            '[[sources]]\nname = "website"\nkind = "rest_json"\n',
            'source "website": option "url" is required',
        ),
        (
            '[[sources]]\nname = "website"\nkind = "rest_json"\nevery_second = 5\n'
            'options = { url = "http://x/" }\n',
            '"sources.0.every_second" is not a setting',
        ),
    ],
)
def test_check_refuses_what_the_configuration_gets_wrong(
    tmp_path, monkeypatch, capsys, text, expected
):
    write_config(tmp_path, monkeypatch, text)
    assert cli.main(["check"]) == 2
    out = capsys.readouterr().out
    assert "configuration: INVALID" in out
    assert expected in out


def test_check_names_unset_secret_variables(odoo, capsys, monkeypatch):
    monkeypatch.delenv("WEBFORMS_TOKEN", raising=False)
    odoo.configure(
        '[[sources]]\nname = "website"\nkind = "rest_json"\n'
        'options = { url = "http://127.0.0.1:9/", auth = "bearer", token_env = "WEBFORMS_TOKEN" }\n'
    )
    assert cli.main(["check"]) == 2
    out = capsys.readouterr().out
    assert "source website: INVALID" in out
    assert "WEBFORMS_TOKEN (token_env) is not set" in out


def test_a_named_configuration_file_that_does_not_exist_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_SYNC_CONFIG", "restored-after-the-test")  # --config sets it
    assert cli.main(["--config", str(tmp_path / "nope.toml"), "check"]) == 2
    assert "nope.toml" in capsys.readouterr().out
    assert cli.main(["--config", str(tmp_path / "nope.toml"), "sources"]) == 2


def test_sources_lists_configured_sources(odoo, tmp_path, capsys):
    odoo.configure(DROP.format(path=tmp_path))
    assert cli.main(["sources"]) == 0
    assert "drop\tfile" in capsys.readouterr().out


def test_invalid_configuration_is_a_clear_error(tmp_path, monkeypatch, capsys):
    write_config(tmp_path, monkeypatch, '[odoo]\ntimeout_seconds = -1\napi_key = "s3cr3t"\n')
    assert cli.main(["sources"]) == 2
    err = capsys.readouterr().err
    assert "configuration is invalid" in err and "odoo.timeout_seconds" in err
    assert "s3cr3t" not in err  # pydantic's input values are never echoed


def test_a_failing_source_does_not_stop_the_others(odoo, tmp_path, capsys, monkeypatch):
    """A wrong IMAP password (imaplib.IMAP4.error) on the first source: the second still
    runs, the failure is on the first one's run, and `run --once` exits 1 at the end."""
    from tests.imap_server import ImapServer

    server = ImapServer()
    monkeypatch.setenv("IMAP_PW", "wrong-password")
    (tmp_path / "leads.jsonl").write_text('{"id": "1", "email": "a@example.com"}\n')
    try:
        odoo.configure(
            f'[[sources]]\nname = "mailbox"\nkind = "imap"\n'
            f'options = {{ port = {server.port}, ssl = false, username = "{server.user}", '
            'password_env = "IMAP_PW" }\n' + DROP.format(path=tmp_path)
        )
        assert cli.main(["run", "--once"]) == EXIT_FAILED
    finally:
        server.close()
    out = capsys.readouterr().out
    assert "mailbox: FAILED: error:" in out
    assert "drop: 1 page(s), fetched 1, created 1" in out
    ends = odoo.methods("sync_end")
    assert "error" in ends[0][0][2] and ends[1][0][2] is False
    assert "wrong-password" not in out


@pytest.mark.parametrize(
    ("failure", "error"), [("fault", "Fault"), ("transport", "TransportError")]
)
def test_a_soap_fault_or_transport_error_is_the_sources_alone(
    odoo, tmp_path, capsys, failure, error
):
    """zeep's Fault and TransportError fail their source, not the run."""
    from tests.soap_service import SoapFormService

    service = SoapFormService()
    service.failure = failure
    (tmp_path / "leads.jsonl").write_text('{"id": "1", "email": "a@example.com"}\n')
    odoo.configure(
        '[[sources]]\nname = "soap"\nkind = "soap"\n'
        f'options = {{ wsdl = "{service.wsdl}", operation = "GetSubmissions", '
        f'wsdl_cache = "{tmp_path}/c.db" }}\n' + DROP.format(path=tmp_path)
    )
    try:
        assert cli.main(["run", "--once"]) == EXIT_FAILED
    finally:
        service.close()
    out = capsys.readouterr().out
    assert f"soap: FAILED: {error}" in out
    assert "drop: 1 page(s)" in out
    assert odoo.methods("sync_end")[0][0][2].startswith(error)


def test_a_skipped_run_says_until_when_and_exits_with_its_own_code(odoo, tmp_path, capsys):
    odoo.configure(DROP.format(path=tmp_path))
    odoo.leased = False
    assert cli.main(["run", "--once"]) == EXIT_LEASED
    assert (
        "drop: skipped, leased by other:1:abc until 2026-11-23 10:05:00 UTC"
        in capsys.readouterr().out
    )
