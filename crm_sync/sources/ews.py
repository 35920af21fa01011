"""On-premises Exchange through EWS, by exchangelib: SyncFolderItems as the cursor (its
SyncState per folder), GetItem with the MIME content.

Authentication is the source's `auth`: "ntlm" (Windows authentication, what an Exchange
EWS virtual directory has on by default), "basic", or "oauth" (an app's client-credentials
token from Entra ID or ADFS, fetched by msal, the mailbox reached by impersonation).
Exchange Online is retiring EWS (2026-2027): use the `graph` source there.

The two operations are called one batch at a time (exchangelib's services, not its
`sync_items` generator, which would read a whole folder in one go), so that a page stays
within `page_size` and `max_page_bytes`."""

from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager, suppress
from typing import Any, Literal

from exchangelib import (
    DELEGATE,
    IMPERSONATION,
    UTC,
    Account,
    Configuration,
    Credentials,
    Identity,
    Message,
)
from exchangelib.credentials import OAuth2Credentials
from exchangelib.errors import EWSError, TransportError, UnauthorizedError
from exchangelib.fields import FieldPath
from exchangelib.properties import DistinguishedFolderId, Mailbox
from exchangelib.protocol import FailFast, Protocol
from exchangelib.services import GetItem, SyncFolderItems
from exchangelib.transport import BASIC, NTLM, OAUTH2
from exchangelib.version import VERSIONS, Version
from pydantic import Field, field_validator, model_validator

from ..masking import MASK, mask_urls
from .base import BaseOptions, Page, Source, Submission
from .entra import ClientCredentials, TokenError, authority_of

#: EWS's RequestServerVersion values and the oldest build that speaks each
API_VERSIONS = {api: build for build, api, _name in reversed(VERSIONS)}
EXCHANGE_ONLINE = "https://outlook.office365.com/.default"
AUTH_TYPES = {"ntlm": NTLM, "basic": BASIC, "oauth": OAUTH2}


class ExchangeLoginFailed(PermissionError):
    """Exchange refused the source's credentials; the message says which, never the secret."""


class EwsOptions(BaseOptions):
    url: str
    auth: Literal["ntlm", "basic", "oauth"] = "ntlm"
    #: ntlm / basic: `DOMAIN\\user`, or the user's address (UPN)
    username: str | None = None
    password_env: str | None = None
    #: the mailbox's primary SMTP address; for ntlm / basic the username when it is one
    mailbox: str | None = None
    #: oauth: the app registration, and where its token comes from
    client_id: str | None = None
    client_secret_env: str | None = None
    tenant_id: str | None = None
    token_url: str | None = None
    oauth_scope: str = EXCHANGE_ONLINE
    folders: list[str] = Field(default_factory=lambda: ["inbox", "sentitems"])
    server_version: str = "Exchange2013"
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)

    @field_validator("server_version")
    @classmethod
    def _known_version(cls, value: str) -> str:
        if value not in API_VERSIONS:
            raise ValueError(f"{value!r} is not an EWS version ({', '.join(API_VERSIONS)})")
        return value

    @model_validator(mode="after")
    def _what_the_auth_needs(self) -> EwsOptions:
        if self.auth == "oauth":
            needed = ["client_id", "client_secret_env", "mailbox"]
            if not self.token_url:
                needed.append("tenant_id")
        else:
            needed = ["username", "password_env"]
        missing = [name for name in needed if not getattr(self, name)]
        if missing:
            raise ValueError(f"auth = {self.auth!r} needs {', '.join(missing)}")
        if not self.address:
            raise ValueError(
                '"mailbox" is required (the mailbox\'s email address) when the username is '
                "not an address"
            )
        return self

    @property
    def address(self) -> str | None:
        if self.mailbox:
            return self.mailbox
        return self.username if self.username and "@" in self.username else None


class EwsSource(Source):
    """Options: url (https://mail.example.com/EWS/Exchange.asmx), auth ("ntlm", "basic" or
    "oauth"), username + password_env (ntlm, basic), client_id + client_secret_env +
    tenant_id or token_url, oauth_scope (oauth), mailbox (its address), folders
    (["inbox", "sentitems"]), page_size, max_page_bytes, server_version (Exchange2013)."""

    kind = "ews"
    record_kind = "email"
    Options = EwsOptions

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.url = self.config.url
        self.folders = list(self.config.folders)
        self.mailbox = self.config.address
        configuration = Configuration(
            service_endpoint=self.url,
            credentials=self._credentials(),
            auth_type=AUTH_TYPES[self.config.auth],
            version=Version(
                build=API_VERSIONS[self.config.server_version],
                api_version=self.config.server_version,
            ),
            retry_policy=FailFast(),  # the next scheduled run is the retry
            max_connections=1,
        )
        _forget_protocol(configuration)
        self.account = Account(
            primary_smtp_address=self.mailbox,
            config=configuration,
            autodiscover=False,
            # an app's token has no mailbox of its own: it acts as the mailbox's user
            access_type=IMPERSONATION if self.config.auth == "oauth" else DELEGATE,
            default_timezone=UTC,  # a mail's own header says its date; nothing local
        )

    def needed_secrets(self) -> tuple[str, ...]:
        return ("client_secret",) if self.options.get("auth") == "oauth" else ("password",)

    def _credentials(self) -> Credentials | OAuth2Credentials:
        if self.config.auth != "oauth":
            return Credentials(self.config.username, self.secret("password", required=True))
        return MsalCredentials(
            ClientCredentials(
                source=self.name,
                authority=authority_of(self.config.tenant_id, self.config.token_url),
                client_id=self.config.client_id,
                secret=self.secret("client_secret", required=True),
                scope=self.config.oauth_scope,
                timeout=self.timeout,
            ),
            mailbox=self.mailbox,
        )

    def probe(self) -> str | None:
        """For `crm-sync check`: log in and ask for the first folder's first changes (ids
        only, nothing marked or moved)."""
        with self._exchange_errors():
            self._sync(self.folders[0], None)
        return f"{self.config.auth} login to {self.mailbox} at {mask_urls(self.url)}"

    def fetch(self, cursor: str | None) -> Page:
        """The next mails of the first folder that has any, within `max_page_bytes` by
        the sizes SyncFolderItems reports. When the budget cuts a batch of changes, the
        folder keeps its previous SyncState with how many were taken ({"sync", "skip"}):
        asked again from that state, Exchange returns the same changes, and the rest are
        taken."""
        state = json.loads(cursor) if cursor else {}
        with self._exchange_errors():
            for folder in self.folders:
                where = state.get(folder)
                before, skip = (
                    (where["sync"], where["skip"]) if isinstance(where, dict) else (where, 0)
                )
                sync_state, last, items = self._sync(folder, before)
                items = items[skip:]
                chosen = self._within_budget(items)
                if len(chosen) < len(items):
                    state[folder] = {"sync": before, "skip": skip + len(chosen)}
                    return Page(self._mime(chosen), json.dumps(state, sort_keys=True), True)
                state[folder] = sync_state
                if items:
                    more = not last or folder != self.folders[-1]
                    return Page(self._mime(chosen), json.dumps(state, sort_keys=True), more)
        return Page([], json.dumps(state, sort_keys=True), False)

    def _within_budget(self, items: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
        chosen, total = [], 0
        for item_id, changekey, size in items:
            total += size
            if chosen and total > self.config.max_page_bytes:
                break
            chosen.append((item_id, changekey))
        return chosen

    def _sync(
        self, folder: str, sync_state: str | None
    ) -> tuple[str, bool, list[tuple[str, str, int]]]:
        """(new SyncState, whether it is the folder's last batch, [(id, changekey, size)])."""
        service = SyncFolderItems(account=self.account, timeout=self.timeout)
        changes = list(
            service.call(
                folder=DistinguishedFolderId(
                    id=folder, mailbox=Mailbox(email_address=self.mailbox)
                ),
                shape="IdOnly",
                additional_fields={FieldPath(field=Message.get_field_by_fieldname("size"))},
                sync_state=sync_state,
                ignore=None,
                max_changes_returned=self.page_size,
                sync_scope=None,
            )
        )
        self._raise_first_error(changes)
        created = [
            (item.id, item.changekey, item.size or 0)
            for change, item in changes
            if change == SyncFolderItems.CREATE
        ]
        last = service.includes_last_item_in_range is not False
        return service.sync_state or sync_state or "", last, created

    def _mime(self, item_ids: list[tuple[str, str]]) -> list[Submission]:
        service = GetItem(account=self.account, timeout=self.timeout)
        items = list(
            service.call(
                items=item_ids,
                additional_fields={FieldPath(field=Message.get_field_by_fieldname("mime_content"))},
                shape="IdOnly",
            )
        )
        self._raise_first_error(items)
        return [
            Submission(raw=item.mime_content or b"", mapped={"external_id": item.id})
            for item in items
        ]

    def _raise_first_error(self, results: list) -> None:
        for result in results:
            if isinstance(result, Exception):
                raise result

    @contextmanager
    def _exchange_errors(self):
        """exchangelib's and msal's errors as the run should show them: who could not log
        in where, or which operation failed, with no secret and no password in a URL."""
        try:
            yield
        except UnauthorizedError:
            raise ExchangeLoginFailed(self._login_failure()) from None
        except TokenError:
            raise
        except (EWSError, TransportError) as exc:
            raise OSError(mask_urls(f'source "{self.name}": EWS at {self.url}: {exc}')) from None

    def _login_failure(self) -> str:
        if self.config.auth == "oauth":
            return (
                f'source "{self.name}": Exchange at {mask_urls(self.url)} refused the OAuth token '
                f"of the app {self.config.client_id} for {self.mailbox} (does the app have "
                "the full_access_as_app permission, and does the server accept OAuth?)"
            )
        return (
            f'source "{self.name}": wrong Exchange user or password ({self.config.auth}, user '
            f"{self.config.username}) at {mask_urls(self.url)}"
        )


def _forget_protocol(configuration: Configuration) -> None:
    """exchangelib keeps one connection pool per endpoint and credentials for the process,
    whatever the auth type, version or timeout: a source built again after its options
    changed (`auth = "basic"` to "ntlm") would get the old one. Each build starts afresh."""
    with suppress(KeyError):
        cached, _when = Protocol._protocol_cache.pop(Protocol._cache_key(configuration))
        if not isinstance(cached, Exception):
            cached.close()


class MsalCredentials(OAuth2Credentials):
    """exchangelib's client-credentials OAuth with the token from msal: exchangelib asks
    for the token when it opens a session and when the one it holds has expired (its
    TokenExpiredError), and msal answers from its cache until a new one is due."""

    def __init__(self, token: ClientCredentials, mailbox: str) -> None:
        self._token_source = token
        super().__init__(
            client_id=token.client_id,
            client_secret=None,  # exchangelib must not fetch tokens itself
            identity=Identity(primary_smtp_address=mailbox),
        )

    @property
    def access_token(self) -> dict | None:
        if self._access_token is None:
            self._access_token = self._token_source.oauth2_token()
        return self._access_token

    @access_token.setter
    def access_token(self, value: dict | None) -> None:
        self._access_token = value

    def refresh(self, session) -> None:
        self._access_token = self._token_source.oauth2_token()

    # exchangelib keeps a connection pool per endpoint and credentials: the same app's
    # credentials of the next run must be equal to these, whatever token each holds, so
    # that the old pool is found and closed (_forget_protocol) instead of piling up
    def __eq__(self, other: object) -> bool:
        return isinstance(other, MsalCredentials) and other._token_source == self._token_source

    def __hash__(self) -> int:
        return hash(self._token_source)

    def __repr__(self) -> str:
        return f"MsalCredentials({self.client_id!r}, {MASK!r})"


class _NoCredentialsInLogs(logging.Filter):
    """exchangelib logs each request's headers at DEBUG and on errors, requests-oauthlib
    the token it adds: the Authorization header (a basic password, a bearer token, an
    NTLM response) and tokens are masked."""

    HEADER = re.compile(
        r"""(['"]?(?:(?:Proxy-)?Authorization|access_token|refresh_token)['"]?\s*:\s*['"]?)"""
        r"""([^'",}\n]+)""",
        re.IGNORECASE,
    )

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self.HEADER.sub(lambda match: match.group(1) + MASK, message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


for _logger in (
    "exchangelib.util",
    "exchangelib.util.xml",
    "exchangelib.services.common",
    "requests_oauthlib.oauth2_session",
):
    logging.getLogger(_logger).addFilter(_NoCredentialsInLogs())
