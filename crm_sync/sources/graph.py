"""Microsoft 365 mailboxes through Microsoft Graph: OAuth client credentials (msal, with its
token cache), delta queries as the cursor (per folder), each message fetched as its MIME
source, nothing changed in the mailbox. Exchange Online stops serving EWS in 2026-2027;
this is its replacement."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import requests
from pydantic import Field, model_validator
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .base import BaseOptions, Page, Source, Submission
from .entra import ClientCredentials, authority_of

GRAPH = "https://graph.microsoft.com/v1.0"


class GraphOptions(BaseOptions):
    tenant_id: str | None = None
    client_id: str
    client_secret_env: str
    mailbox: str
    folders: list[str] = Field(default_factory=lambda: ["inbox", "sentitems"])
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    base_url: str | None = None
    token_url: str | None = None

    @model_validator(mode="after")
    def _where_the_token_comes_from(self) -> GraphOptions:
        if not (self.tenant_id or self.token_url):
            raise ValueError('"tenant_id" is required (or "token_url" for a national cloud)')
        return self


class GraphSource(Source):
    """Options: tenant_id, client_id, client_secret_env, mailbox (user id or address),
    folders (["inbox", "sentitems"]), page_size, and for tests or national clouds
    base_url and token_url (the token endpoint, `https://<host>/<tenant>/oauth2/v2.0/token`).
    The token's scope is the Graph of base_url (`https://graph.microsoft.com/.default`)."""

    kind = "graph"
    record_kind = "email"
    Options = GraphOptions
    required_secrets = ("client_secret",)

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.base = (options.get("base_url") or GRAPH).rstrip("/")
        graph = urlsplit(self.base)
        self.credentials = ClientCredentials(
            source=name,
            authority=authority_of(self.config.tenant_id, self.config.token_url),
            client_id=self.config.client_id,
            secret=self.secret("client_secret", required=True),
            scope=f"{graph.scheme}://{graph.netloc}/.default",
            timeout=self.timeout,
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

    def _authorization(self) -> dict[str, str]:
        # msal answers from its cache until the token nearly expires
        return {"Authorization": f"Bearer {self.credentials.bearer()}"}

    def _get(self, url: str, **headers: str) -> requests.Response:
        response = self.session.get(
            url, headers={**self._authorization(), **headers}, timeout=self.timeout
        )
        response.raise_for_status()
        return response

    def probe(self) -> str | None:
        """For `crm-sync check`: a token, and the first folder's first change (ids only)."""
        folder = self.folders[0]
        self._get(
            f"{self.base}/users/{self.mailbox}/mailFolders/{folder}/messages/delta?$select=id",
            Prefer="odata.maxpagesize=1",
        )
        return f"token for {self.credentials.client_id}, {self.mailbox}/{folder} readable"

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
