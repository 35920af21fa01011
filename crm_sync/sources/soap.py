"""Form services with a WSDL, through zeep: a cached WSDL and one shared HTTP session."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import requests
import zeep
from pydantic import Field
from zeep.cache import SqliteCache
from zeep.helpers import serialize_object
from zeep.transports import Transport

from .base import LeadOptions, Page, Source, dig

CACHE_PATH = Path(tempfile.gettempdir()) / "crm-sync-wsdl-cache.db"


class SoapOptions(LeadOptions):
    wsdl: str
    operation: str
    items: str | None = None
    page_arg: str = "page"
    size_arg: str = "pageSize"
    args: dict[str, Any] = Field(default_factory=dict)
    username: str | None = None
    password_env: str | None = None
    wsdl_cache: str | None = None


class SoapSource(Source):
    """Options: wsdl, operation, items (path in the answer), page_arg and size_arg (the
    operation's paging arguments), args (fixed arguments), username + password_env for
    HTTP basic auth, fields."""

    kind = "soap"
    Options = SoapOptions

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        session = requests.Session()
        if options.get("username"):
            session.auth = (options["username"], self.secret("password", required=True))
        transport = Transport(
            session=session,
            cache=SqliteCache(path=str(options.get("wsdl_cache") or CACHE_PATH), timeout=86400),
            timeout=self.timeout,
            operation_timeout=self.timeout,
        )
        self.client = zeep.Client(options["wsdl"], transport=transport)
        self.operation = options["operation"]

    def fetch(self, cursor: str | None) -> Page:
        page = int(cursor or 1)
        args = dict(self.options.get("args", {}))
        args[self.options.get("page_arg", "page")] = page
        args[self.options.get("size_arg", "pageSize")] = self.page_size
        answer = serialize_object(getattr(self.client.service, self.operation)(**args), dict)
        # zeep unwraps a response of a single repeated element into the list itself
        items = answer if isinstance(answer, list) else dig(answer, self.options.get("items"))
        items = [items] if isinstance(items, dict) else (items or [])
        full = len(items) >= self.page_size
        return Page(self.submissions(items), str(page + 1 if full else page), full)
