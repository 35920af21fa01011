"""Web-form providers with a JSON API: page, offset, cursor or since pagination."""

from __future__ import annotations

from typing import Any

import requests

from .base import Page, Source, dig


class RestJsonSource(Source):
    """Options: url, items (path to the list in the answer), pagination = "page" | "offset"
    | "cursor" | "since", page_param, size_param, next_path (cursor), since_param and
    since_field (since), headers, auth = "bearer" | "basic" | "header" with token_env /
    username + password_env / header_name, fields (our field -> their path)."""

    kind = "rest_json"

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.url = options["url"]
        self.pagination = options.get("pagination", "page")
        self.session = requests.Session()
        self.session.headers.update(options.get("headers", {}))
        self._authenticate()

    def _authenticate(self) -> None:
        auth = self.options.get("auth")
        if auth == "bearer":
            self.session.headers["Authorization"] = f"Bearer {self.secret('token')}"
        elif auth == "basic":
            self.session.auth = (self.options.get("username", ""), self.secret("password") or "")
        elif auth == "header":
            self.session.headers[self.options.get("header_name", "X-Api-Key")] = (
                self.secret("token") or ""
            )

    def fetch(self, cursor: str | None) -> Page:
        params = {self.options.get("size_param", "per_page"): self.page_size}
        params.update(getattr(self, f"_params_{self.pagination}")(cursor))
        response = self.session.get(self.url, params=params, timeout=self.timeout)
        response.raise_for_status()
        body = response.json()
        items = dig(body, self.options.get("items", "data")) or []
        if not isinstance(items, list):
            raise ValueError(f"{self.name}: {self.options.get('items', 'data')!r} is not a list")
        next_cursor, more = getattr(self, f"_next_{self.pagination}")(cursor, body, items)
        return Page(self.submissions(items), next_cursor, more)

    # page: the cursor is the page to read next; a partial page is read again next time,
    # since new submissions are appended to it.
    def _params_page(self, cursor: str | None) -> dict[str, Any]:
        return {self.options.get("page_param", "page"): int(cursor or 1)}

    def _next_page(self, cursor, body, items) -> tuple[str | None, bool]:
        page = int(cursor or 1)
        full = len(items) >= self.page_size
        return str(page + 1 if full else page), full

    def _params_offset(self, cursor: str | None) -> dict[str, Any]:
        return {self.options.get("offset_param", "offset"): int(cursor or 0)}

    def _next_offset(self, cursor, body, items) -> tuple[str | None, bool]:
        offset = int(cursor or 0) + len(items)
        return str(offset), len(items) >= self.page_size

    def _params_cursor(self, cursor: str | None) -> dict[str, Any]:
        return {self.options.get("cursor_param", "cursor"): cursor} if cursor else {}

    def _next_cursor(self, cursor, body, items) -> tuple[str | None, bool]:
        token = dig(body, self.options.get("next_path", "next_cursor"))
        return (str(token), True) if token else (cursor, False)

    # since: the cursor is the newest timestamp seen; asking again from it (inclusive)
    # re-reads the boundary records, which the bindings drop.
    def _params_since(self, cursor: str | None) -> dict[str, Any]:
        return {self.options.get("since_param", "since"): cursor} if cursor else {}

    def _next_since(self, cursor, body, items) -> tuple[str | None, bool]:
        field = self.options.get("since_field", "submitted_at")
        stamps = [str(dig(item, field)) for item in items if dig(item, field)]
        newest = max([*stamps, cursor or ""]) or None
        return newest, len(items) >= self.page_size and newest != cursor
