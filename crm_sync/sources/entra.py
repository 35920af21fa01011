"""The client-credentials token of the Microsoft identity platform (Entra ID, or an ADFS
that issues tokens for Exchange), through msal: the library Microsoft keeps for it, with
its token cache, so that a token is asked for once and used until it nearly expires.

The msal app, with its cache, lives as long as the process: a source is built again for
every run, and its token outlives the run. One app (and one cache) per authority, client
id and secret: a token fetched with the right secret is never handed to a configuration
with a wrong one. Nothing here is written to disk: a token is a secret."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass

import msal
import requests

from ..masking import mask_urls

#: the token endpoint, from which the authority msal wants is the part before it
TOKEN_PATH = re.compile(r"/oauth2(/v2\.0)?/token/?$")
ENTRA = "https://login.microsoftonline.com"

_APPS: dict[tuple, msal.ConfidentialClientApplication] = {}
_LOCK = threading.Lock()


class TokenError(RuntimeError):
    """The identity platform did not give a token; the message says why (never the secret)."""


def authority_of(tenant_id: str | None, token_url: str | None) -> str:
    """`https://login.microsoftonline.com/<tenant>`, or the authority of a token endpoint
    given for a national cloud, an ADFS or a test (`https://host/<tenant>/oauth2/v2.0/token`)."""
    if token_url:
        return TOKEN_PATH.sub("", token_url.rstrip("/"))
    return f"{ENTRA}/{tenant_id}"


@dataclass(frozen=True)
class ClientCredentials:
    """An app's client-credentials grant for one scope. Frozen (hashable): exchangelib
    hashes the credentials that hold it."""

    source: str
    authority: str
    client_id: str
    secret: str
    scope: str
    timeout: float

    def __repr__(self) -> str:  # never the secret, whatever prints this
        return f"ClientCredentials({self.source!r}, {self.authority!r}, {self.client_id!r})"

    def token(self) -> dict:
        """msal's answer: `access_token`, `expires_in`, `token_type`, and `token_source`
        ("cache" or "identity_provider")."""
        try:
            result = self._app().acquire_token_for_client(scopes=[self.scope])
        except requests.RequestException as exc:
            raise self._unreachable(exc) from None
        if "access_token" not in result:
            description = (result.get("error_description") or "").splitlines()[:1]
            raise TokenError(
                mask_urls(
                    f'source "{self.source}": no token for the app {self.client_id} from '
                    f"{self.authority}: {result.get('error')}"
                    + (f" ({description[0]})" if description else "")
                    + _hint(result.get("error"))
                )
            )
        return result

    def bearer(self) -> str:
        return self.token()["access_token"]

    def oauth2_token(self) -> dict:
        """The token as requests-oauthlib wants it, expiring a minute early, so that a
        token is never sent in its last seconds."""
        result = self.token()
        expires_in = max(int(result.get("expires_in", 0)) - 60, 0)
        return {
            "access_token": result["access_token"],
            "token_type": result.get("token_type", "Bearer"),
            "expires_in": expires_in,
            "expires_at": time.time() + expires_in,
        }

    def _unreachable(self, exc: Exception) -> TokenError:
        return TokenError(
            mask_urls(f'source "{self.source}": could not reach {self.authority}: {exc}')
        )

    def _app(self) -> msal.ConfidentialClientApplication:
        key = (self.authority, self.client_id, _digest(self.secret), self.timeout)
        with _LOCK:
            app = _APPS.get(key)
            if app is None:
                try:
                    app = msal.ConfidentialClientApplication(
                        self.client_id,
                        client_credential=self.secret,
                        authority=self.authority,
                        token_cache=msal.TokenCache(),
                        timeout=self.timeout,
                        # our authority is the one configured: no lookup at Microsoft
                        validate_authority=self.authority.startswith(ENTRA),
                        instance_discovery=self.authority.startswith(ENTRA),
                    )
                except ValueError as exc:  # msal's own: a wrong authority or tenant
                    raise TokenError(
                        mask_urls(f'source "{self.source}": {self.authority}: {exc}')
                    ) from None
                except requests.RequestException as exc:
                    raise TokenError(
                        mask_urls(
                            f'source "{self.source}": could not reach {self.authority}: {exc}'
                        )
                    ) from None
                _APPS[key] = app
        return app


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _hint(error: str | None) -> str:
    if error in ("invalid_client", "unauthorized_client"):
        return ": wrong client id or client secret (or the secret has expired)"
    if error == "invalid_scope":
        return ": the app has no permission for this resource"
    return ""
