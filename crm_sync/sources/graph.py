"""Microsoft 365 mailboxes through Microsoft Graph: OAuth client credentials, delta queries
as the cursor (per folder), each message fetched as its MIME source, nothing changed in the
mailbox. Exchange Online stops serving EWS in 2026-2027; this is its replacement."""

from __future__ import annotations

import json
import time
from typing import Any

import requests
from pydantic import Field
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .base import BaseOptions, Page, Source, Submission

GRAPH = "https://graph.microsoft.com/v1.0"
LOGIN = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"


class GraphOptions(BaseOptions):
    tenant_id: str | None = None
    client_id: str
    client_secret_env: str
    mailbox: str
    folders: list[str] = Field(default_factory=lambda: ["inbox", "sentitems"])
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    base_url: str | None = None
    token_url: str | None = None


class GraphSource(Source):
    """Options: tenant_id, client_id, client_secret_env, mailbox (user id or address),
    folders (["inbox", "sentitems"]), page_size, and for tests or national clouds
    base_url and token_url."""

    kind = "graph"
    record_kind = "email"
    Options = GraphOptions
    required_secrets = ("client_secret",)

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.base = (options.get("base_url") or GRAPH).rstrip("/")
        self.token_url = options.get("token_url") or LOGIN.format(
            tenant=options.get("tenant_id", "")
        )
        self.mailbox = options["mailbox"]
        self.folders = list(options.get("folders", ["inbox", "sentitems"]))
        self.session = requests.Session()
        retry = Retry(
            total=5,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=None,
            respect_retry_after_header=True,
        )
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self._token: tuple[str, float] | None = None

    def _authorization(self) -> dict[str, str]:
        if not self._token or self._token[1] < time.monotonic() + 60:
            response = self.session.post(
                self.token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.options.get("client_id", ""),
                    "client_secret": self.secret("client_secret", required=True),
                    "scope": "https://graph.microsoft.com/.default",
                },
                timeout=self.timeout,
            )
            response.raise_for_status()
            body = response.json()
            self._token = (
                body["access_token"],
                time.monotonic() + float(body.get("expires_in", 3600)),
            )
        return {"Authorization": f"Bearer {self._token[0]}"}

    def _get(self, url: str, **headers: str) -> requests.Response:
        response = self.session.get(
            url, headers={**self._authorization(), **headers}, timeout=self.timeout
        )
        response.raise_for_status()
        return response

    def fetch(self, cursor: str | None) -> Page:
        """The next mails of the first folder that has any. A folder's state is the delta
        page to read, with how many of its mails were taken already when a page did not fit
        in `max_page_bytes` ({"url", "skip"}): the same page is asked again and the rest
        taken, so memory stays bounded whatever the mails weigh."""
        state = json.loads(cursor) if cursor else {}
        for folder in self.folders:
            where = state.get(folder)
            url, skip = (where["url"], where["skip"]) if isinstance(where, dict) else (where, 0)
            url = url or (
                f"{self.base}/users/{self.mailbox}/mailFolders/{folder}/messages/delta?$select=id"
            )
            body = self._get(url, Prefer=f"odata.maxpagesize={self.page_size}").json()
            items = [item for item in body.get("value", []) if "@removed" not in item][skip:]
            following = body.get("@odata.nextLink")
            taken = self._messages(items)
            if len(taken) < len(items):  # the byte budget cut the page: resume inside it
                state[folder] = {"url": url, "skip": skip + len(taken)}
                return Page(taken, json.dumps(state, sort_keys=True), True)
            state[folder] = following or body.get("@odata.deltaLink") or url
            if items:
                more = bool(following) or folder != self.folders[-1]
                return Page(taken, json.dumps(state, sort_keys=True), more)
        return Page([], json.dumps(state, sort_keys=True), False)

    def _messages(self, items: list[dict]) -> list[Submission]:
        """The MIME content of `items`, in order, until `max_page_bytes` is reached (the
        mail that crosses it is the page's last; always at least one)."""
        taken, total = [], 0
        for item in items:
            if taken and total >= self.config.max_page_bytes:
                break
            raw = self._get(
                f"{self.base}/users/{self.mailbox}/messages/{item['id']}/$value"
            ).content
            total += len(raw)
            taken.append(Submission(raw=raw, mapped={"external_id": item["id"]}))
        return taken
