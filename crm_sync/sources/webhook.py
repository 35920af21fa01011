"""Web-form providers that push their submissions (`kind = "webhook"`): the same `fields`
mapping, notes and dead letters as `rest_json`, but nothing is fetched. `crm-sync serve`
receives each signed delivery on its own URL, stores it, and the forwarder hands its
submissions to the pipeline (crm_sync/receiver).

Reconciled: where the provider also lists its submissions in a JSON API, the source may
carry `reconcile_url` and `rest_json`'s options for reading it (pagination, auth, ...):
the forwarder then pulls that list every `reconcile_every_seconds` into the same run,
under the same lease, with the same `fields`, so a delivery that never arrived is caught
and one that did counts as a duplicate (Odoo binds each submission once by its external
id). The pull is `rest_json`'s own code (`RestJsonSource`), built from those options."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..masking import mask_urls
from . import paths
from .base import LeadOptions, Page, Source, SourceConfigError, dig
from .rest_json import PullOptions, RestJsonSource

MIN_SECRET_LENGTH = 24
#: `rest_json`'s options for reading a provider's API, which only mean something with a
#: `reconcile_url` (the options every kind has, and `fields`, serve both ways)
PULL_ONLY = tuple(sorted(set(PullOptions.model_fields) - set(LeadOptions.model_fields)))
DEFAULT_RECONCILE_SECONDS = 3600
#: the header each scheme reads when the options name none
DEFAULT_HEADERS = {
    "typeform": "Typeform-Signature",
    "hmac": "X-Signature",
    "token": "X-Webhook-Token",
}


class WebhookOptions(PullOptions):
    #: how the provider proves a delivery is its own
    signature: Literal["typeform", "hmac", "token"]
    secret_env: str
    #: the header carrying the signature or token (see DEFAULT_HEADERS)
    header: str | None = None
    #: hmac: the digest, how the provider writes it, and what comes before it ("sha256=")
    algorithm: Literal["sha256", "sha1", "sha512"] = "sha256"
    encoding: Literal["hex", "base64"] = "hex"
    prefix: str = ""
    #: hmac: a header with the delivery's Unix time, which the signature then covers
    timestamp_header: str | None = None
    tolerance_seconds: int = Field(300, ge=1, le=86400)
    #: hmac: what is signed, `{body}` the raw body; `{timestamp}.{body}` with a timestamp
    signed_payload: str | None = None
    #: path in a delivery to its submission (Typeform: `form_response`); a list there is
    #: several submissions; empty: the whole delivery is the submission
    item: str | None = None
    max_body_bytes: int = Field(1024 * 1024, ge=1024, le=64 * 1024 * 1024)
    #: verified deliveries per second this source may send, and the burst it may save up
    rate_per_second: float = Field(50.0, gt=0, le=10000)
    burst: int = Field(200, ge=1, le=100000)
    #: the provider's API listing the same submissions, read with rest_json's options
    #: (pagination, items, auth, ...) to catch deliveries that never arrived
    reconcile_url: str | None = None
    reconcile_every_seconds: int = Field(DEFAULT_RECONCILE_SECONDS, ge=10, le=7 * 86400)

    @field_validator("item")
    @classmethod
    def _item_path(cls, value: str | None) -> str | None:
        if value:
            paths.check(value)
        return value

    @model_validator(mode="after")
    def _signed_payload(self) -> WebhookOptions:
        if self.signed_payload is None:
            self.signed_payload = "{timestamp}.{body}" if self.timestamp_header else "{body}"
        if self.signed_payload.count("{body}") != 1:
            raise ValueError("signed_payload must hold {body} exactly once")
        # a timestamp outside the signature could be rewritten by whoever replays a delivery
        if self.timestamp_header and "{timestamp}" not in self.signed_payload:
            raise ValueError("with timestamp_header, signed_payload must hold {timestamp}")
        return self

    @model_validator(mode="after")
    def _pull_needs_url(self) -> WebhookOptions:
        """Options for reading the provider's API without the API's URL are a mistake
        (a reconciliation the operator thinks is on), not something to ignore."""
        if self.reconcile_url is None:
            stray = sorted(self.model_fields_set & {*PULL_ONLY, "reconcile_every_seconds"})
            if stray:
                raise ValueError(
                    f"{', '.join(stray)} read the provider's API to reconcile: set "
                    "reconcile_url too (the API listing the same submissions), or remove them"
                )
        return self


class WebhookSource(Source):
    """Options: see `WebhookOptions` and the README ("webhook")."""

    kind = "webhook"
    pushed = True
    Options = WebhookOptions
    required_secrets = ("secret",)

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.header = self.config.header or DEFAULT_HEADERS[self.config.signature]
        #: the reconciling pull (rest_json's adapter on the same fields), or None; built
        #: here so that its options and secrets are checked with the source's
        self.pull: RestJsonSource | None = None
        if self.config.reconcile_url:
            pull = {key: value for key, value in options.items() if key in PullOptions.model_fields}
            self.pull = RestJsonSource(name, {**pull, "url": self.config.reconcile_url})

    @property
    def path(self) -> str:
        """The receiver's URL path of this source."""
        return f"/hooks/{self.name}"

    def fetch(self, cursor: str | None) -> Page:
        """The reconciling pull's page after `cursor`; a webhook without `reconcile_url`
        is never pulled."""
        if self.pull is None:
            raise SourceConfigError(
                f'source "{self.name}" is a webhook: its provider pushes, `crm-sync serve` '
                "receives (set reconcile_url to also pull its API)"
            )
        return self.pull.fetch(cursor)

    def probe(self) -> str:
        """For `crm-sync check`: the scheme, where the secret comes from and the URL; a
        short secret is said, since whoever guesses it can sign leads in."""
        detail = (
            f"{self.config.signature} signature in {self.header}, secret from "
            f"{self.config.secret_env}; the provider posts to <receiver>{self.path}"
        )
        length = len(self.secret("secret", required=True))
        if length < MIN_SECRET_LENGTH:
            detail += (
                f"; WARNING: the secret has only {length} characters, use at least "
                f"{MIN_SECRET_LENGTH} random ones"
            )
        if self.pull is not None:
            detail += (
                f"; reconciled every {self.config.reconcile_every_seconds} s from "
                f"{mask_urls(self.pull.url)}: {self.pull.probe()}"
            )
        return detail

    def raws_of(self, delivery: Any) -> list[Any]:
        """The submissions in one delivery; a delivery without the configured item is kept
        whole, so that its dead letter shows what arrived."""
        found = dig(delivery, self.config.item) if self.config.item else delivery
        if found is None:
            return [delivery]
        return found if isinstance(found, list) else [found]
