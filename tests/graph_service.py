"""A Microsoft Graph of the tests' own on loopback: delta queries over mail folders and
messages' MIME content, for the bearer tokens its identity platform (tests.entra_service,
on https) issued for this Graph."""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from tests.entra_service import EntraService
from tests.loopback import Serving, reply

DELTA = re.compile(r"^/v1.0/users/([^/]+)/mailFolders/([^/]+)/messages/delta$")
VALUE = re.compile(r"^/v1.0/users/([^/]+)/messages/([^/]+)/\$value$")


class GraphService:
    client_id, secret = "app", "graph-secret"

    def __init__(self, expires_in: int = 3600) -> None:
        self.folders: dict[str, list[tuple[str, bytes]]] = {"inbox": [], "sentitems": []}
        self.throttle_next = 0
        self.refused = 0
        self.entra = EntraService({self.client_id: self.secret}, expires_in=expires_in)
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if not service.entra.valid(self.headers.get("Authorization"), service.serving.url):
                    service.refused += 1
                    reply(self, 401, b"{}", "application/json")
                    return
                if service.throttle_next:
                    service.throttle_next -= 1
                    self.send_response(429)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                url = urlparse(self.path)
                delta, value = DELTA.match(url.path), VALUE.match(url.path)
                if delta:
                    size = int(self.headers.get("Prefer", "odata.maxpagesize=10").split("=")[1])
                    body = service.delta(delta.group(2), parse_qs(url.query), size)
                    reply(self, 200, json.dumps(body).encode(), "application/json")
                elif value:
                    raw = service.message(value.group(2))
                    reply(self, 200 if raw else 404, raw or b"", "message/rfc822")
                else:
                    reply(self, 404, b"{}", "application/json")

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)
        self.base = f"{self.serving.url}/v1.0"
        self.token_url = self.entra.token_url
        self.ca_file = self.entra.ca_file

    @property
    def token_requests(self) -> int:
        return self.entra.token_requests

    def delta(self, folder: str, query: dict, size: int) -> dict:
        start = int((query.get("$skiptoken") or query.get("$deltatoken") or ["0"])[0])
        items = self.folders[folder][start : start + size]
        after = start + len(items)
        base = f"{self.base}/users/sales/mailFolders/{folder}/messages/delta"
        body = {"value": [{"id": message_id} for message_id, _raw in items]}
        if after < len(self.folders[folder]):
            body["@odata.nextLink"] = f"{base}?$skiptoken={after}"
        else:
            body["@odata.deltaLink"] = f"{base}?$deltatoken={after}"
        return body

    def message(self, message_id: str) -> bytes | None:
        for messages in self.folders.values():
            for known, raw in messages:
                if known == message_id:
                    return raw
        return None

    def close(self) -> None:
        self.serving.close()
        self.entra.close()
