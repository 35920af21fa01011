"""The Microsoft identity platform of the tests' own, on an https loopback (msal wants
https): the tenant's OpenID configuration, and the client-credentials token endpoint.
Tokens are random and remembered with their app and audience, so that the Graph and EWS
test services check the bearer tokens they are sent as a real resource does.

Its certificate is self-signed for 127.0.0.1; `ca_file` is the file to trust it by
(REQUESTS_CA_BUNDLE, as an operator trusts a private CA)."""

from __future__ import annotations

import datetime
import ipaddress
import json
import secrets
import shutil
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.loopback import reply


def self_signed(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for 127.0.0.1, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "loopback.pem", folder / "loopback.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class TlsServing:
    """tests.loopback.Serving over https, with a certificate from `self_signed`."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], cert_file, key_file) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class EntraService:
    """Apps (client id -> secret) that may get tokens for any audience in `audiences`."""

    tenant = "contoso-tenant"

    def __init__(self, apps: dict[str, str], expires_in: int = 3600) -> None:
        self.apps = dict(apps)
        self.expires_in = expires_in
        self.tokens: dict[str, tuple[str, str, float]] = {}  # token -> (app, audience, until)
        self.token_requests = 0
        self.refused: list[str] = []  # the error of each refused request
        self.lock = threading.Lock()
        self.folder = Path(tempfile.mkdtemp(prefix="entra-"))
        self.cert_file, self.key_file = self_signed(self.folder)
        self.ca_file = str(self.cert_file)
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == f"/{service.tenant}/v2.0/.well-known/openid-configuration":
                    reply(self, 200, json.dumps(service.openid()).encode(), "application/json")
                else:
                    reply(self, 404, b"{}", "application/json")

            def do_POST(self) -> None:
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                if self.path != f"/{service.tenant}/oauth2/v2.0/token":
                    reply(self, 404, b"{}", "application/json")
                    return
                status, body = service.grant({k: v[0] for k, v in form.items()})
                reply(self, status, json.dumps(body).encode(), "application/json")

            def log_message(self, *args) -> None:
                pass

        self.serving = TlsServing(Handler, self.cert_file, self.key_file)
        self.url = self.serving.url
        self.token_url = f"{self.url}/{self.tenant}/oauth2/v2.0/token"

    def openid(self) -> dict:
        base = f"{self.url}/{self.tenant}"
        return {
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
        }

    def grant(self, form: dict) -> tuple[int, dict]:
        """The client-credentials grant as Entra answers it, errors included."""
        if form.get("grant_type") != "client_credentials":
            return self._refuse(400, "unsupported_grant_type", "Only client credentials here.")
        if self.apps.get(form.get("client_id")) != form.get("client_secret"):
            return self._refuse(
                401, "invalid_client", "AADSTS7000215: Invalid client secret provided."
            )
        scope = form.get("scope", "").split()
        audiences = [s.removesuffix("/.default") for s in scope if s.endswith("/.default")]
        if len(audiences) != 1:
            return self._refuse(
                400, "invalid_scope", "AADSTS1002012: scope must be <resource>/.default"
            )
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.token_requests += 1
            self.tokens[token] = (form["client_id"], audiences[0], time.time() + self.expires_in)
        return 200, {"token_type": "Bearer", "expires_in": self.expires_in, "access_token": token}

    def _refuse(self, status: int, error: str, description: str) -> tuple[int, dict]:
        self.refused.append(error)
        return status, {"error": error, "error_description": description}

    def valid(self, authorization: str | None, audience: str) -> bool:
        """Whether an Authorization header carries a live token of ours for `audience`."""
        scheme, _, token = (authorization or "").partition(" ")
        with self.lock:
            known = self.tokens.get(token) if scheme == "Bearer" else None
        return bool(known) and known[1] == audience and known[2] > time.time()

    def close(self) -> None:
        self.serving.close()
        shutil.rmtree(self.folder, ignore_errors=True)
