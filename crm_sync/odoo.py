"""Odoo's external API over JSON-RPC: one requests session, an API key, timeouts and retries.

Every call the worker makes goes through `OdooClient.call`; the batch entry points in the
`crm_sync_connector` addon are idempotent, which is what makes retrying a POST safe.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .config import API_KEY_ENV, OdooSettings

_logger = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)


class OdooError(Exception):
    """Odoo answered, but with an error (access denied, validation, missing model...)."""

    def __init__(self, message: str, *, name: str = "", debug: str = "") -> None:
        super().__init__(message)
        self.name = name
        self.debug = debug

    @property
    def is_access_error(self) -> bool:
        return self.name.endswith(("AccessError", "AccessDenied"))


class OdooUnreachable(Exception):
    """Odoo could not be reached, or kept failing, after every retry."""


def _retry_policy(max_retries: int) -> Retry:
    return Retry(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        status=max_retries,
        backoff_factor=0.5,
        backoff_max=30,
        backoff_jitter=0.5,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,  # JSON-RPC is POST; our entry points are idempotent
        respect_retry_after_header=True,
        raise_on_status=False,
    )


class OdooClient:
    """A logged-in connection to one Odoo database."""

    def __init__(self, settings: OdooSettings, session: requests.Session | None = None) -> None:
        self.settings = settings
        self.session = session or requests.Session()
        adapter = HTTPAdapter(max_retries=_retry_policy(settings.max_retries))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._ids = itertools.count(1)
        self._uid: int | None = None

    @property
    def endpoint(self) -> str:
        return str(self.settings.url).rstrip("/") + "/jsonrpc"

    def _rpc(self, service: str, method: str, *args: Any) -> Any:
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": {"service": service, "method": method, "args": list(args)},
        }
        try:
            response = self.session.post(
                self.endpoint, json=payload, timeout=self.settings.timeout_seconds
            )
        except requests.RequestException as exc:
            raise OdooUnreachable(f"{self.endpoint}: {exc.__class__.__name__}: {exc}") from exc
        if response.status_code != 200:
            raise OdooUnreachable(f"{self.endpoint}: HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise OdooUnreachable(
                f"{self.endpoint} answered {response.headers.get('Content-Type', '?')} instead "
                f"of JSON-RPC (is the url Odoo's?); it starts with {response.content[:120]!r}"
            ) from None
        if "error" in body:
            data = body["error"].get("data") or {}
            raise OdooError(
                data.get("message") or body["error"].get("message", "Odoo error"),
                name=data.get("name", ""),
                debug=data.get("debug", ""),
            )
        return body.get("result")

    def version(self) -> dict[str, Any]:
        return self._rpc("common", "version")

    @property
    def uid(self) -> int:
        if self._uid is None:
            if not self.settings.api_key.get_secret_value():
                raise OdooError(
                    f"the Odoo API key is empty: set {API_KEY_ENV} (environment or .env)",
                    name="AccessDenied",
                )
            uid = self._rpc(
                "common",
                "authenticate",
                self.settings.database,
                self.settings.login,
                self.settings.api_key.get_secret_value(),
                {},
            )
            if not uid:
                raise OdooError(
                    f"login {self.settings.login!r} refused by database "
                    f"{self.settings.database!r}: check the login and API key",
                    name="AccessDenied",
                )
            self._uid = uid
        return self._uid

    def call(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """`execute_kw` on a model, as the integration user."""
        return self._rpc(
            "object",
            "execute_kw",
            self.settings.database,
            self.uid,
            self.settings.api_key.get_secret_value(),
            model,
            method,
            list(args),
            kwargs,
        )

    def has_access(self, model: str, operation: str) -> bool:
        return bool(self.call(model, "check_access_rights", operation, raise_exception=False))
