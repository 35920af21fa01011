"""The Celery service over a real Redis broker (this machine's, database 15)."""

from __future__ import annotations

import json
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from pydantic import SecretStr

from crm_sync.celery_app import RUN_TASK, create_app
from crm_sync.config import OdooSettings, Settings, SourceSettings

BROKER = "redis://127.0.0.1:6379/15"


@pytest.fixture(scope="module")
def redis_broker():
    try:
        redis.Redis.from_url(BROKER).ping()
    except redis.RedisError as exc:
        pytest.fail(f"the Redis broker at {BROKER} is not running: {exc}")
    yield BROKER
    redis.Redis.from_url(BROKER).flushdb()


def drop_folder(tmp_path, rows):
    folder = tmp_path / f"drop-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    (folder / "leads.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return folder


def test_app_is_configured_not_to_lose_a_run(redis_broker):
    settings = Settings(
        broker_url=SecretStr(redis_broker),
        sources=[
            SourceSettings(
                name="website",
                kind="rest_json",
                every_seconds=60,
                options={"url": "http://forms.example/api"},
            )
        ],
    )
    app = create_app(settings)
    assert app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.beat_schedule["sync-website"]["schedule"] == 60.0
    task = app.tasks[RUN_TASK]
    assert task.max_retries == 5 and task.retry_jitter


def test_unreachable_odoo_is_retried_not_lost(redis_broker, tmp_path):
    settings = Settings(
        broker_url=SecretStr(redis_broker),
        result_backend_url=redis_broker,
        odoo=OdooSettings(url="http://127.0.0.1:9", api_key="k", max_retries=0, timeout_seconds=2),
        sources=[SourceSettings(name="drop", kind="file", options={"path": str(tmp_path)})],
    )
    app = create_app(settings)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = app.tasks[RUN_TASK].delay("drop")
        for _ in range(100):
            if result.state == "RETRY":
                break
            import time

            time.sleep(0.1)
        assert result.state == "RETRY"
        result.revoke()


@pytest.mark.odoo
def test_a_task_runs_a_source_into_odoo(redis_broker, odoo_server, tmp_path):
    rows = [{"id": f"celery-{n}", "email": f"celery{n}@example.com"} for n in range(12)]
    name = f"celery-{uuid.uuid4().hex[:6]}"
    settings = Settings(
        broker_url=SecretStr(redis_broker),
        result_backend_url=redis_broker,
        odoo=OdooSettings(
            url=odoo_server.url,
            database=odoo_server.database,
            login=odoo_server.login,
            api_key=SecretStr(odoo_server.api_key),
        ),
        sources=[
            SourceSettings(
                name=name, kind="file", options={"path": str(drop_folder(tmp_path, rows))}
            )
        ],
    )
    app = create_app(settings)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        report = app.tasks[RUN_TASK].delay(name).get(timeout=120)
    assert report["created"] == 12
    assert report["leased"]
