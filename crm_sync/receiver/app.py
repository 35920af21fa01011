"""The HTTP receiver: one URL per webhook source, `POST /hooks/<source>`.

Each delivery passes, in this order: its size (413; read no further than the limit),
its signature over the raw body (401, nothing stored), the source's rate (429, counted
on verified deliveries only, so that unsigned noise cannot spend a provider's budget),
its JSON (400), then the store: 202 only once the broker confirmed it (503 otherwise, so
the provider retries). What a delivery holds is decided later, by the forwarder and the
pipeline: one that cannot become a lead becomes a dead letter in Odoo."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..config import Settings
from ..sources import build_source, is_pushed
from ..sources.webhook import WebhookSource
from .forwarder import Forwarder
from .limits import TokenBucket
from .signatures import Unverified, Verifier, verifier_for
from .store import DeliveryStore, StoreUnavailable

_logger = logging.getLogger(__name__)


class TooLarge(Exception):
    pass


@dataclass
class Hook:
    """A webhook source as the receiver serves it."""

    source: WebhookSource
    verifier: Verifier
    bucket: TokenBucket

    @classmethod
    def of(cls, source: WebhookSource) -> Hook:
        bucket = TokenBucket(source.config.rate_per_second, source.config.burst)
        return cls(source, verifier_for(source), bucket)


def refuse(status: int, error: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status, headers=headers or None)


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, or TooLarge as soon as it passes `limit` (a declared length too)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge
    return bytes(body)


def delivery_of(source: str, data: object) -> dict:
    """What the store keeps: an id of our own (it names the batch the delivery goes to
    Odoo in, never the lead: the submission's external id does that) and the time, also
    as a Unix time to the microsecond, from which the forwarder's batch window counts."""
    now = datetime.now(timezone.utc)
    return {
        "id": uuid.uuid4().hex,
        "source": source,
        "received_at": now.isoformat(timespec="seconds"),
        "received": now.timestamp(),
        "body": data,
    }


def create_app(hooks: dict[str, Hook], store: DeliveryStore, lifespan=None) -> Starlette:
    async def receive(request: Request) -> JSONResponse:
        name = request.path_params["source"]
        hook = hooks.get(name)
        if hook is None:
            return refuse(404, f"no webhook source named {name!r}")
        limit = hook.source.config.max_body_bytes
        try:
            body = await read_body(request, limit)
        except TooLarge:
            _logger.warning("%s: refused a delivery over %s bytes", name, limit)
            return refuse(413, f"the body is over {limit} bytes")
        try:
            hook.verifier.verify(request.headers, body, time.time())
        except Unverified as exc:
            _logger.warning("%s: refused an unverified delivery: %s", name, exc)
            return refuse(401, f"signature not verified: {exc}")
        if not hook.bucket.take():
            wait = hook.bucket.wait_seconds()
            return refuse(429, "too many deliveries; retry later", **{"Retry-After": str(wait)})
        try:
            data = json.loads(body)
        except ValueError as exc:  # UnicodeDecodeError included
            return refuse(400, f"the body is not JSON: {exc}")
        delivery = delivery_of(name, data)
        try:
            await run_in_threadpool(store.put, name, delivery)
        except StoreUnavailable as exc:
            return refuse(503, str(exc), **{"Retry-After": "30"})
        _logger.debug("%s: stored delivery %s", name, delivery["id"])
        return JSONResponse({"status": "stored", "delivery": delivery["id"]}, status_code=202)

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "sources": sorted(hooks)})

    routes = [
        Route("/hooks/{source}", receive, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def hooks_of(settings: Settings) -> dict[str, Hook]:
    """Every webhook source, built (options and secrets checked: SourceConfigError)."""
    return {
        source.name: Hook.of(build_source(source))
        for source in settings.sources
        if is_pushed(source)
    }


def serve(settings: Settings, host: str, port: int, forward: bool = True) -> int:
    """`crm-sync serve`: the receiver on uvicorn and, unless `forward` is False, the
    forwarder in a thread of the same process."""
    hooks = hooks_of(settings)
    store = DeliveryStore(settings.receiver)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        stop = threading.Event()
        thread = None
        if forward:
            forwarder = Forwarder(settings, store)
            thread = threading.Thread(
                target=forwarder.forever, args=(stop,), name="crm-sync-forward", daemon=True
            )
            thread.start()
        _logger.info(
            "receiving %s at http://%s:%s/hooks/<source>, storing in %s%s",
            ", ".join(hooks),
            host,
            port,
            store.shown_url,
            "" if forward else " (forwarding left to `crm-sync forward`)",
        )
        yield
        stop.set()
        if thread is not None:
            thread.join(60)
        store.close()

    uvicorn.run(create_app(hooks, store, lifespan), host=host, port=port, log_config=None)
    return 0
