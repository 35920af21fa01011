"""Secrets out of anything the worker stores in Odoo, prints or logs.

The configuration names secrets by the environment variable that holds them (`*_env`),
so a well-written configuration has none; but an operator may still put a token in
`headers`, in a nested option or in a URL's query or userinfo. Those are masked at any
depth before the configuration is shown in Odoo, and in every error message."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

MASK = "***"
#: names that hold secrets: option names, header names, URL query parameters
SECRET_NAME = re.compile(
    r"pass|secret|token|key|auth|sig|credential|cookie|session|bearer", re.IGNORECASE
)
#: names that look like secrets but only say which kind or where (kept readable)
NOT_SECRET = {"auth", "header_name"}
URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")


def is_secret_name(name: str) -> bool:
    name = str(name)
    return bool(SECRET_NAME.search(name)) and not name.endswith("_env") and name not in NOT_SECRET


def mask(value: Any, name: str | None = None) -> Any:
    """`value` with every secret replaced by ***: values under secret-like names, at any
    depth of dicts and lists, and the password and secret query parameters of URLs."""
    if name is not None and is_secret_name(name) and value not in (None, "", [], {}):
        return MASK
    if isinstance(value, dict):
        return {key: mask(item, str(key)) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask(item) for item in value]
    if isinstance(value, str):
        return mask_urls(value)
    return value


def mask_urls(text: str) -> str:
    """Every URL in `text` without its userinfo password and secret query values."""
    return URL.sub(lambda match: mask_url(match.group(0)), text)


def mask_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(is_secret_name(key) for key, _value in pairs):
            query = urlencode(
                [(key, MASK if is_secret_name(key) else value) for key, value in pairs],
                safe="*[]",
                quote_via=quote,
            )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
