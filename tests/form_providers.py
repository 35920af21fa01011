"""Two web-form provider APIs on loopback, modelled on public ones, to prove that a
provider is configured by options alone (README, "rest_json").

- `TypeformLike`: GET /forms/<id>/responses?page_size=&after=<token>, bearer token; each
  response has a `token` and `answers`, a list in no fixed order, each answer keyed by
  its field's id (`{"field": {"id": "email"}, "type": "email", "email": ...}`); there is no
  next-page cursor in the answer: the next page is asked `after` the last item's token.
- `GravityFormsLike`: GET /wp-json/gf/v2/entries?paging[page_size]=&paging[current_page]=,
  HTTP basic auth; entries are objects whose keys are field numbers, with dots for the
  parts of a name ("1.3" first, "1.6" last); newest first unless sorting[direction]=ASC.
"""

from __future__ import annotations

import base64
import json
import random
import zlib
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from tests.loopback import Serving, reply

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class Provider:
    """A provider on loopback; `respond(path, query, headers)` gives (status, body)."""

    def __init__(self) -> None:
        self.requests = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.requests += 1
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                status, body = provider.respond(url.path, query, self.headers)
                reply(self, status, json.dumps(body).encode(), "application/json")

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)

    def respond(self, path, query, headers) -> tuple[int, dict]:
        raise NotImplementedError

    def close(self) -> None:
        self.serving.close()


class TypeformLike(Provider):
    TOKEN = "tfp_test_token"

    def __init__(self, count: int, prefix: str = "tf") -> None:
        super().__init__()
        shuffle = random.Random(7)
        # Phones of their own per prefix: the tests share one Odoo, and a form whose phone
        # matches another test's open lead rightly adds to that lead instead.
        block = 0 if prefix == "tf" else zlib.crc32(prefix.encode()) % 999 + 1
        self.responses = []
        for n in range(count):
            answers = [
                {"field": {"id": "first", "type": "short_text"}, "type": "text", "text": f"Sara{n}"},
                {"field": {"id": "last", "type": "short_text"}, "type": "text", "text": "Ahmadi"},
                {"field": {"id": "mail", "type": "email"}, "type": "email",
                 "email": f"{prefix}.{n}@forms.example"},
                {"field": {"id": "tel", "type": "phone_number"}, "type": "phone_number",
                 "phone_number": f"+98935{block:03d}{n:04d}"},
                {"field": {"id": "note", "type": "long_text"}, "type": "text",
                 "text": f"Please call me ({n})"},
            ]  # fmt: skip
            if n % 3 == 0:
                answers.pop(3)  # the phone question is optional
            shuffle.shuffle(answers)
            self.responses.append(
                {
                    "landing_id": f"l{n}",
                    "token": f"{prefix}tok{n:05d}",
                    "response_id": f"{prefix}tok{n:05d}",
                    "submitted_at": f"2026-11-{1 + n % 28:02d}T10:{n % 60:02d}:00Z",
                    "answers": answers,
                }
            )
        self.url = f"{self.serving.url}/forms/AbCdEf/responses"

    def respond(self, path, query, headers):
        if headers.get("Authorization") != f"Bearer {self.TOKEN}":
            return 401, {"code": "AUTHENTICATION_FAILED"}
        size = min(int(query.get("page_size", 25)), 1000)
        start = 0
        if "after" in query:
            tokens = [r["token"] for r in self.responses]
            start = tokens.index(query["after"]) + 1 if query["after"] in tokens else len(tokens)
        items = self.responses[start : start + size]
        pages = -(-len(self.responses) // size)
        return 200, {"total_items": len(self.responses), "page_count": pages, "items": items}


class GravityFormsLike(Provider):
    USER, PASSWORD = "ck_forms", "cs_secret"

    def __init__(self, count: int, prefix: str = "gf") -> None:
        super().__init__()
        self.entries = [
            {
                "id": str(n + 1),
                "form_id": "1",
                "date_created": f"2026-11-{1 + n % 28:02d} 10:00:00",
                "1.3": f"Ali{n}",
                "1.6": "Karimi" if n % 4 else "",  # some leave the last name empty
                "2": f"{prefix}.{n}@forms.example",
                "3": ("۰۹۳۶" + f"{n:07d}".translate(PERSIAN_DIGITS)),
                "4": f"Quote request {n}",
            }
            for n in range(count)
        ]
        self.url = f"{self.serving.url}/wp-json/gf/v2/entries"

    def respond(self, path, query, headers):
        expected = base64.b64encode(f"{self.USER}:{self.PASSWORD}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            return 401, {"code": "rest_forbidden"}
        size = int(query.get("paging[page_size]", 10))
        page = int(query.get("paging[current_page]", 1))
        ordered = sorted(
            self.entries,
            key=lambda e: int(e["id"]),
            reverse=query.get("sorting[direction]", "DESC") != "ASC",
        )
        rows = ordered[(page - 1) * size : page * size]
        return 200, {"total_count": len(self.entries), "entries": rows}


def typeform_source(provider: TypeformLike, name: str = "typeform") -> dict:
    """The whole configuration of the Typeform-like provider, as the README shows it."""
    return {
        "name": name,
        "kind": "rest_json",
        "options": {
            "url": provider.url,
            "items": "items",
            "pagination": "cursor",
            "cursor_param": "after",
            "next_from_item": "token",
            "size_param": "page_size",
            "page_size": 200,
            "auth": "bearer",
            "token_env": "TYPEFORM_TOKEN",
            "fields": {
                "external_id": "token",
                "contact_name": "{answers[field.id=first].text} {answers[field.id=last].text}",
                "email": "answers[field.id=mail].email",
                "phone": "answers[field.id=tel].phone_number",
                "description": "answers[field.id=note].text",
                "name": "Typeform: {answers[field.id=first].text}",
            },
        },
    }


def gravity_source(provider: GravityFormsLike, name: str = "gravity") -> dict:
    return {
        "name": name,
        "kind": "rest_json",
        "options": {
            "url": provider.url,
            "items": "entries",
            "pagination": "page",
            "page_param": "paging[current_page]",
            "size_param": "paging[page_size]",
            "page_size": 100,
            "params": {"form_ids[0]": "1", "sorting[key]": "id", "sorting[direction]": "ASC"},
            "auth": "basic",
            "username": GravityFormsLike.USER,
            "password_env": "GRAVITY_PASSWORD",
            "fields": {
                "external_id": "id",
                "contact_name": "{'1.3'} {'1.6'}",
                "email": "'2'",
                "phone": "'3'",
                "description": "'4'",
            },
        },
    }
