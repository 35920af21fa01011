"""The docker stack's webhook receiver, by construction (no engine runs here): it waits for
its store, reaches it with the stack's own broker user, keeps the store's data on a volume,
and the commented Typeform source of docker/crm-sync.toml is valid as written."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from crm_sync.config import Settings
from crm_sync.sources import build_source

DOCKER = Path(__file__).resolve().parent.parent / "docker"


def test_the_receiver_is_a_service_on_its_durable_store():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    receiver, rabbitmq = services["receiver"], services["rabbitmq"]
    assert receiver["command"][:2] == ["crm-sync", "serve"]
    assert receiver["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    assert receiver["depends_on"]["odoo"]["condition"] == "service_healthy"
    assert "healthcheck" in rabbitmq
    assert "rabbitmq-data" in compose["volumes"]
    assert any(
        volume.startswith("rabbitmq-data:/var/lib/rabbitmq") for volume in rabbitmq["volumes"]
    )
    # RabbitMQ keeps its data per node name: a fixed hostname finds it again on restart
    assert rabbitmq.get("hostname")
    url = receiver["environment"]["CRM_SYNC_RECEIVER__STORE_URL"]
    user, password = re.match(r"amqp://([^:]+):([^@]+)@rabbitmq:5672//", url).groups()
    assert user == rabbitmq["environment"]["RABBITMQ_DEFAULT_USER"] != "guest"
    assert password == rabbitmq["environment"]["RABBITMQ_DEFAULT_PASS"]
    assert receiver["environment"]["CRM_SYNC_SECRETS_DIR"] == "/run/crm-sync"
    assert "8088:8088" in receiver["ports"]


def test_the_commented_typeform_source_is_valid(tmp_path, monkeypatch):
    text = (DOCKER / "crm-sync.toml").read_text()
    block = re.search(
        r"^# \[\[sources\]\]\n# name = \"typeform-leads\".*?(?=\n\n)", text, re.S | re.M
    )
    config = tmp_path / "crm-sync.toml"
    config.write_text(re.sub(r"^# ?", "", block.group(0), flags=re.M), encoding="utf-8")
    monkeypatch.setenv("CRM_SYNC_CONFIG", str(config))
    monkeypatch.setenv("TYPEFORM_WEBHOOK_SECRET", "from-the-environment")
    (source,) = Settings().sources
    assert build_source(source).path == "/hooks/typeform-leads"
