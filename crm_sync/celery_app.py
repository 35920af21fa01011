"""The Celery app: thin tasks over the pipeline's service functions, a beat schedule built
from the configured sources, and the settings that keep a crashed worker from losing a run
(acks late, reject on worker loss, prefetch 1)."""

from __future__ import annotations

import logging

import requests
from celery import Celery

from .config import Settings
from .odoo import OdooClient, OdooUnreachable
from .pipeline import replay_source, run_source
from .sources import is_pushed

_logger = logging.getLogger(__name__)
RUN_TASK = "crm_sync.run_source"
RETRYABLE = (OdooUnreachable, requests.ConnectionError, requests.Timeout)


def create_app(settings: Settings) -> Celery:
    if settings.broker_url is None:
        raise ValueError("no broker configured (CRM_SYNC_BROKER_URL)")
    broker = settings.broker_url.get_secret_value()
    app = Celery("crm_sync", broker=broker, backend=settings.result_backend_url or None)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        beat_schedule={
            f"sync-{source.name}": {
                "task": RUN_TASK,
                "schedule": float(source.every_seconds),
                "args": [source.name],
                "options": {"expires": float(source.every_seconds)},
            }
            for source in settings.sources
            if not is_pushed(source)  # webhooks are pushed: `crm-sync serve` takes them
        },
    )
    register_tasks(app, settings)
    return app


def register_tasks(app: Celery, settings: Settings) -> None:
    @app.task(
        name=RUN_TASK,
        shared=False,
        autoretry_for=RETRYABLE,
        retry_backoff=5,
        retry_backoff_max=300,
        retry_jitter=True,
        max_retries=5,
    )
    def run_source_task(source_name: str) -> dict:
        client = OdooClient(settings.odoo)
        return run_source(settings, settings.source(source_name), client).as_dict()

    @app.task(
        name="crm_sync.replay_source",
        shared=False,
        autoretry_for=RETRYABLE,
        retry_backoff=5,
        max_retries=5,
    )
    def replay_source_task(source_name: str) -> dict:
        client = OdooClient(settings.odoo)
        return replay_source(settings, settings.source(source_name), client).as_dict()
