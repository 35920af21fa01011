"""Whether a delivery comes from the provider: each scheme checks the raw body as the
provider signs it, compares in constant time, and says why when it does not verify
(the reason names headers, never the secret or the signature)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from typing import Protocol

from ..sources.webhook import WebhookSource


class Unverified(Exception):
    """The delivery does not prove it comes from the provider (answered 401)."""


class Verifier(Protocol):
    def verify(self, headers: Mapping[str, str], body: bytes, now: float) -> None:
        """Return when the delivery is the provider's; raise Unverified otherwise."""


def _same(expected: str, given: str) -> bool:
    # bytes, so that a header with non-ASCII text is a mismatch, not a TypeError
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if not value:
        raise Unverified(f"no {name} header")
    return value.strip()


class TypeformSignature:
    """Typeform: `Typeform-Signature: sha256=<base64 of HMAC-SHA256(secret, raw body)>`."""

    def __init__(self, secret: str, header: str) -> None:
        self.secret = secret.encode("utf-8")
        self.header = header

    def sign(self, body: bytes) -> str:
        digest = hmac.new(self.secret, body, hashlib.sha256).digest()
        return "sha256=" + base64.b64encode(digest).decode("ascii")

    def verify(self, headers: Mapping[str, str], body: bytes, now: float) -> None:
        if not _same(self.sign(body), _header(headers, self.header)):
            raise Unverified(f"the {self.header} does not match the body")


class HmacSignature:
    """A provider's HMAC of the body (or of a template holding the body and a timestamp),
    hex or base64, perhaps after a prefix such as `sha256=`; with a timestamp header, a
    delivery older or newer than the tolerance is refused, so a captured one cannot be
    replayed later."""

    def __init__(self, secret: str, source: WebhookSource) -> None:
        options = source.config
        self.secret = secret.encode("utf-8")
        self.header = source.header
        self.algorithm = options.algorithm
        self.encoding = options.encoding
        self.prefix = options.prefix
        self.timestamp_header = options.timestamp_header
        self.tolerance = options.tolerance_seconds
        self.before, self.after = options.signed_payload.split("{body}")

    def sign(self, body: bytes, timestamp: str = "") -> str:
        message = (
            self.before.replace("{timestamp}", timestamp).encode("utf-8")
            + body
            + self.after.replace("{timestamp}", timestamp).encode("utf-8")
        )
        digest = hmac.new(self.secret, message, self.algorithm).digest()
        if self.encoding == "hex":
            return self.prefix + digest.hex()
        return self.prefix + base64.b64encode(digest).decode("ascii")

    def verify(self, headers: Mapping[str, str], body: bytes, now: float) -> None:
        given = _header(headers, self.header)
        timestamp = ""
        if self.timestamp_header:
            timestamp = _header(headers, self.timestamp_header)
            self._check_age(timestamp, now)
        expected = self.sign(body, timestamp)
        if self.encoding == "hex":  # providers differ in the case of their hex digits
            expected, given = expected.lower(), given.lower()
        if not _same(expected, given):
            raise Unverified(f"the {self.header} does not match the body")

    def _check_age(self, timestamp: str, now: float) -> None:
        try:
            stamp = float(timestamp)
        except ValueError:
            raise Unverified(f"the {self.timestamp_header} is not a Unix time") from None
        if stamp > 1e11:  # milliseconds, as some providers send
            stamp /= 1000
        if abs(now - stamp) > self.tolerance:
            raise Unverified(
                f"the {self.timestamp_header} is {int(now - stamp)} s from now, beyond the "
                f"tolerance of {self.tolerance} s (a replayed or delayed delivery)"
            )


class SharedToken:
    """Providers that only send a fixed secret in a header (`Authorization: Bearer` too)."""

    def __init__(self, secret: str, header: str) -> None:
        self.secret = secret
        self.header = header

    def verify(self, headers: Mapping[str, str], body: bytes, now: float) -> None:
        given = _header(headers, self.header)
        if self.header.lower() == "authorization" and given[:7].lower() == "bearer ":
            given = given[7:].strip()
        if not _same(self.secret, given):
            raise Unverified(f"the {self.header} is not the shared token")


def verifier_for(source: WebhookSource) -> Verifier:
    """The scheme the source's options name, with its secret from the environment."""
    secret = source.secret("secret", required=True)
    scheme = source.config.signature
    if scheme == "typeform":
        return TypeformSignature(secret, source.header)
    if scheme == "hmac":
        return HmacSignature(secret, source)
    return SharedToken(secret, source.header)
