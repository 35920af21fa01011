"""Where a delivery waits between the provider and Odoo: a RabbitMQ durable queue per
source (`<queue_prefix>.<source>`), each delivery a persistent message.

The receiver answers 2xx only after `put` returns, and `put` returns only after the
broker confirmed the message (publisher confirms): for a persistent message on a durable
queue RabbitMQ confirms once the message is written to disk, so a kill -9 of the receiver
or of the broker after the answer loses nothing. The forwarder acknowledges a message
only after Odoo has stored its submissions; until then it stays in the queue."""

from __future__ import annotations

import logging
import threading
from typing import Any

from amqp.exceptions import MessageNacked
from kombu import Connection, Producer, Queue

from ..config import ReceiverSettings
from ..masking import mask_urls

_logger = logging.getLogger(__name__)
PERSISTENT = 2  # AMQP delivery mode: written to disk on a durable queue
CONFIRM_SECONDS = 10.0


class StoreUnavailable(Exception):
    """The broker could not take the delivery (the receiver answers 503: retry later)."""


class DeliveryStore:
    """Puts deliveries on their source's queue; safe to call from several threads."""

    def __init__(self, settings: ReceiverSettings) -> None:
        self.url = settings.store_url.get_secret_value()
        self.prefix = settings.queue_prefix
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self._producer: Producer | None = None

    @property
    def shown_url(self) -> str:
        """The broker's URL without its password, for messages and logs."""
        return mask_urls(self.url)

    def connect(self) -> Connection:
        return Connection(self.url, transport_options={"confirm_publish": True}, connect_timeout=5)

    def queue(self, source: str) -> Queue:
        name = f"{self.prefix}.{source}"
        return Queue(name, routing_key=name, durable=True, auto_delete=False)

    def put(self, source: str, delivery: dict[str, Any]) -> None:
        """Store one delivery; returns once the broker confirmed it, else StoreUnavailable.
        One reconnection is tried: a broker restarted since the last delivery is common."""
        queue = self.queue(source)
        with self._lock:  # a kombu connection is not for two threads at once
            for attempt in (1, 2):
                try:
                    self._publish(queue, delivery)
                    return
                except (MessageNacked, OSError, *self._errors()) as exc:
                    self._reset()
                    _logger.warning(
                        "store %s: delivery for %s not stored (attempt %s): %s",
                        self.shown_url,
                        source,
                        attempt,
                        mask_urls(f"{exc.__class__.__name__}: {exc}"),
                    )
        raise StoreUnavailable(f"the store {self.shown_url} did not confirm the delivery")

    def _publish(self, queue: Queue, delivery: dict[str, Any]) -> None:
        if self._producer is None:
            self._connection = self.connect()
            self._connection.ensure_connection(max_retries=1)
            self._producer = Producer(self._connection.channel())
        self._producer.publish(
            delivery,
            exchange="",
            routing_key=queue.name,
            declare=[queue],
            delivery_mode=PERSISTENT,
            serializer="json",
            # unroutable (the queue deleted behind our back) is an error, not a silent drop
            mandatory=True,
            timeout=CONFIRM_SECONDS,
            confirm_timeout=CONFIRM_SECONDS,
        )

    def _errors(self) -> tuple[type[BaseException], ...]:
        connection = self._connection or self.connect()
        return tuple(connection.connection_errors) + tuple(connection.channel_errors)

    def _reset(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # a broken connection may fail to close; it is dropped anyway
                _logger.debug("closing a broken store connection failed", exc_info=True)
        self._connection = self._producer = None

    def waiting(self, source: str) -> int:
        """How many deliveries of `source` wait in its queue (not counting those a
        forwarder holds unacknowledged); declares the queue if it is not there yet."""
        with self.connect() as connection:
            bound = self.queue(source)(connection.default_channel)
            _name, count, _consumers = bound.queue_declare()
            return count

    def close(self) -> None:
        with self._lock:
            self._reset()
