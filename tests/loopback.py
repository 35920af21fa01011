"""Servers the tests run on loopback: a web-form provider, and a proxy that breaks the
connection to Odoo on purpose."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests


def reply(handler: BaseHTTPRequestHandler, status: int, data: bytes, content_type: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


class Serving:
    """Runs a ThreadingHTTPServer in a thread until `close()`."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class WebFormProvider:
    """A web-form provider's API: GET /api/submissions?page=&per_page= (or offset=, cursor=,
    since=) over an in-memory list that tests append to."""

    def __init__(self, delay: float = 0.0) -> None:
        self.submissions: list[dict] = []
        self.delay = delay
        self.requests = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.requests += 1
                if provider.delay:
                    time.sleep(provider.delay)
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                reply(self, 200, json.dumps(provider.answer(query)).encode(), "application/json")

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)
        self.url = f"{self.serving.url}/api/submissions"

    def answer(self, query: dict) -> dict:
        size = int(query.get("per_page", 100))
        if "since" in query or query.get("style") == "since":
            # inclusive, oldest first, then `offset` of them skipped (a tie-break)
            rows = sorted(
                (s for s in self.submissions if s["submitted_at"] >= query.get("since", "")),
                key=lambda s: s["submitted_at"],
            )
            skip = int(query.get("offset", 0))
            return {"data": rows[skip : skip + size]}
        if "page" not in query:  # offset or cursor paging; the first call has neither
            start = int(query.get("cursor") or query.get("offset") or 0)
            rows = self.submissions[start : start + size]
            following = start + len(rows)
            return {
                "data": rows,
                "next_cursor": str(following) if following < len(self.submissions) else None,
            }
        page = int(query.get("page", 1))
        return {"data": self.submissions[(page - 1) * size : page * size]}

    def close(self) -> None:
        self.serving.close()


class FaultyProxy:
    """Forwards POSTs to Odoo; `faults[n]` breaks the n-th one (1-based):
    "502" answers 502 without forwarding, "drop-after" forwards then closes the connection
    without an answer (Odoo did the work, the worker never hears of it)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.faults: dict[int, str] = {}
        self.count = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                answer = requests.get(proxy.target + self.path, timeout=30)
                self._reply(answer.status_code, answer.content)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with proxy.lock:
                    proxy.count += 1
                    fault = proxy.faults.get(proxy.count)
                if fault == "502":
                    self._reply(502, b"bad gateway")
                    return
                answer = requests.post(
                    proxy.target + self.path,
                    data=body,
                    headers={"Content-Type": "application/json"},
                    timeout=120,
                )
                if fault == "drop-after":
                    self.close_connection = True
                    self.connection.close()
                    return
                self._reply(answer.status_code, answer.content)

            def _reply(self, status: int, data: bytes) -> None:
                reply(self, status, data, "application/json")

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)
        self.url = self.serving.url

    def close(self) -> None:
        self.serving.close()
