"""Web-form providers with a JSON API: page, offset, cursor or since pagination, all by
configuration (see README, "rest_json")."""

from __future__ import annotations

import logging
from typing import Any, Literal

import requests
from pydantic import Field, field_validator

from ..masking import mask_urls
from . import paths
from .base import LeadOptions, Page, Source, SourceConfigError, dig

_logger = logging.getLogger(__name__)
#: how much of a wrong answer an error shows
SHOWN_BYTES = 120


class ProviderError(OSError):
    """The provider answered, but not with what the configuration expects."""


class PullOptions(LeadOptions):
    """How a provider's JSON API is read, page after page: every option of `rest_json`
    but its `url` (a webhook source reconciles with them, crm_sync/sources/webhook.py)."""

    items: str = "data"
    pagination: Literal["page", "offset", "cursor", "since"] = "page"
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    headers: dict[str, str] = Field(default_factory=dict)
    size_param: str = "per_page"
    page_param: str = "page"
    first_page: int = 1
    offset_param: str = "offset"
    cursor_param: str = "cursor"
    next_path: str | None = None
    next_from_item: str | None = None
    since_param: str = "since"
    since_field: str = "submitted_at"
    since_offset_param: str = "offset"
    auth: Literal["bearer", "basic", "header"] | None = None
    token_env: str | None = None
    username: str | None = None
    password_env: str | None = None
    header_name: str = "X-Api-Key"

    @field_validator("items", "next_path", "next_from_item", "since_field")
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        if value:
            paths.check(value)
        return value


class RestJsonOptions(PullOptions):
    url: str


class RestJsonSource(Source):
    """Options: see `RestJsonOptions` and the README."""

    kind = "rest_json"
    Options = RestJsonOptions

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.url = self.config.url
        self.pagination = self.config.pagination
        if self.pagination == "cursor" and not (
            self.config.next_path or self.config.next_from_item
        ):
            self.config.next_path = "next_cursor"
        self.session = requests.Session()
        self.session.headers.update(self.config.headers)
        self._authenticate()

    def needed_secrets(self) -> tuple[str, ...]:
        return {"bearer": ("token",), "header": ("token",), "basic": ("password",)}.get(
            self.config.auth or "", ()
        )

    def _authenticate(self) -> None:
        auth = self.config.auth
        if auth == "bearer":
            self.session.headers["Authorization"] = f"Bearer {self.secret('token', True)}"
        elif auth == "basic":
            if not self.config.username:
                raise SourceConfigError(
                    f'source "{self.name}": option "username" is required with auth = "basic"'
                )
            self.session.auth = (self.config.username, self.secret("password", True))
        elif auth == "header":
            self.session.headers[self.config.header_name] = self.secret("token", True)

    def fetch(self, cursor: str | None) -> Page:
        params: dict[str, Any] = {**self.config.params, self.config.size_param: self.page_size}
        params.update(getattr(self, f"_params_{self.pagination}")(cursor))
        body = self._get(params)
        items = dig(body, self.config.items)
        if items is None:
            items = []
        if not isinstance(items, list):
            raise ProviderError(
                f"{self.name}: {self.config.items!r} in the answer of {mask_urls(self.url)} "
                f"is a {type(items).__name__}, not a list (set the option items)"
            )
        next_cursor, more, warnings = getattr(self, f"_next_{self.pagination}")(cursor, body, items)
        for warning in warnings:
            _logger.warning("%s", warning)
        return Page(self.submissions(items), next_cursor, more, warnings)

    def probe(self) -> str:
        page = self.fetch(None)
        return f"{len(page.submissions)} submission(s) on the first page"

    def _get(self, params: dict[str, Any]) -> Any:
        response = self.session.get(self.url, params=params, timeout=self.timeout)
        response.raise_for_status()
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "no content type")
            start = response.content[:SHOWN_BYTES]
            what = "HTML" if b"<" in start[:20] and b"html" in start.lower() else kind
            raise ProviderError(
                f"{self.name}: {mask_urls(response.url)} answered {what} instead of JSON "
                f"(HTTP {response.status_code}, {kind}); it starts with {start!r}"
            ) from None

    def _full(self, items: list) -> bool:
        return len(items) >= self.page_size

    # page: the cursor is the page to read next; a partial page is read again next time,
    # since new submissions are appended to it.
    def _params_page(self, cursor: str | None) -> dict[str, Any]:
        return {self.config.page_param: int(cursor or self.config.first_page)}

    def _next_page(self, cursor, body, items):
        page = int(cursor or self.config.first_page)
        full = self._full(items)
        return str(page + 1 if full else page), full, []

    def _params_offset(self, cursor: str | None) -> dict[str, Any]:
        return {self.config.offset_param: int(cursor or 0)}

    def _next_offset(self, cursor, body, items):
        return str(int(cursor or 0) + len(items)), self._full(items), []

    # cursor: the provider's token for the next page, from the answer (`next_path`) or
    # from the page's last item (`next_from_item`, as Typeform's `after`).
    def _params_cursor(self, cursor: str | None) -> dict[str, Any]:
        return {self.config.cursor_param: cursor} if cursor else {}

    def _next_cursor(self, cursor, body, items):
        if self.config.next_from_item:
            token = dig(items[-1], self.config.next_from_item) if items else None
            where = f"next_from_item {self.config.next_from_item!r} of the last item"
            more = self._full(items)
        else:
            token = dig(body, self.config.next_path)
            where = f"next_path {self.config.next_path!r}"
            more = bool(token)
        if token in (None, ""):
            warnings = []
            if self._full(items):
                warnings.append(
                    f"{self.name}: a full page of {len(items)} items but no next cursor at "
                    f"{where}: the rest of the provider's submissions cannot be read; check "
                    "the options next_path / next_from_item"
                )
            return cursor, False, warnings
        return str(token), more, []

    # since: the cursor is the newest timestamp seen and how many items with exactly that
    # timestamp were read ("<stamp>|<count>"): asking from the stamp (inclusive) while
    # skipping those never stalls, however many submissions share one timestamp.
    def _params_since(self, cursor: str | None) -> dict[str, Any]:
        stamp, seen = _split_since(cursor)
        params: dict[str, Any] = {self.config.since_param: stamp} if stamp else {}
        if seen:
            params[self.config.since_offset_param] = seen
        return params

    def _next_since(self, cursor, body, items):
        stamp, seen = _split_since(cursor)
        stamps = [str(value) for value in (dig(item, self.config.since_field) for item in items)]
        stamps = [value for value in stamps if value and value != "None"]
        if not stamps:
            return cursor, False, []
        newest = max(stamps)
        at_newest = stamps.count(newest) + (seen if newest == stamp else 0)
        return f"{newest}|{at_newest}", self._full(items), []


def _split_since(cursor: str | None) -> tuple[str, int]:
    if not cursor:
        return "", 0
    stamp, _bar, seen = cursor.rpartition("|")
    if not _bar or not seen.isdigit():
        return cursor, 0
    return stamp, int(seen)
