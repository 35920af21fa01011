"""An Exchange Web Services endpoint of the tests' own on loopback: SyncFolderItems and
GetItem answering as Exchange documents them, behind the authentication an EWS virtual
directory offers:

- NTLM, really challenged and verified: pyspnego is the acceptor, its users in an
  NTLM_USER_FILE; as on IIS, a connection that completed the handshake stays logged in.
- Basic, when `schemes` has it (Exchange has it off by default).
- OAuth bearer tokens issued for this server by `entra` (tests.entra_service), with the
  ExchangeImpersonation header an app-only token needs, as Exchange requires it. A
  bearer token is never sent over plain http: with `entra` the server is https, with
  the identity platform's certificate (trusted by its `ca_file`)."""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import spnego
from lxml import etree
from spnego.exceptions import SpnegoError

from tests.entra_service import TlsServing
from tests.loopback import Serving, reply

SOAP = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>'
)
NS = (
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" '
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"'
)
NTLM_NEGOTIATE = 1


def _first(node, name: str) -> str:
    return "".join(node.xpath(f".//*[local-name()='{name}']/text()"))


class EwsService:
    """One mailbox (`mailbox`) whose user logs in as `user` (its address) or as
    CORP\\sales, with `password`."""

    user, password = "sales@example.com", "ews-secret"
    mailbox = "sales@example.com"
    domain_user = "CORP\\sales"

    def __init__(self, schemes: tuple[str, ...] = ("NTLM",), entra=None) -> None:
        self.folders: dict[str, list[tuple[str, bytes]]] = {"inbox": [], "sentitems": []}
        self.schemes = schemes + (("Bearer",) if entra else ())
        self.entra = entra
        self.logins: list[str] = []  # who logged in, per completed authentication
        self.refused: list[str] = []  # the scheme of each refused authentication
        self.impersonated: list[str] = []  # the mailbox of each app-only request
        self._user_file = self._write_users()
        service = self

        class Handler(BaseHTTPRequestHandler):
            # NTLM authenticates a connection: it must stay open between the messages
            protocol_version = "HTTP/1.1"
            ntlm = None  # the acceptor of this connection's handshake
            ntlm_user = None  # who this connection logged in as

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                bearer = self._authenticated()
                if bearer is None:
                    return
                document = etree.fromstring(data)
                if bearer:
                    address = _first(document, "PrimarySmtpAddress")
                    if address != service.mailbox:
                        reply(self, 500, service.fault("ErrorImpersonateUserDenied"), "text/xml")
                        return
                    service.impersonated.append(address)
                operation = document.xpath("//*[local-name()='Body']/*")[0]
                name = etree.QName(operation).localname
                body = (
                    service.sync(operation) if name == "SyncFolderItems" else service.get(operation)
                )
                reply(self, 200, SOAP.format(body=body).encode(), "text/xml; charset=utf-8")

            def _authenticated(self) -> bool | None:
                """False: logged in by password; True: by a bearer token; None: refused
                or challenged (the answer is sent)."""
                scheme, _, value = self.headers.get("Authorization", "").partition(" ")
                if scheme == "NTLM" and "NTLM" in service.schemes:
                    return self._ntlm(base64.b64decode(value))
                if scheme == "Basic" and "Basic" in service.schemes:
                    user, _, password = base64.b64decode(value).decode().partition(":")
                    if service.known(user) and password == service.password:
                        service.logins.append(user)
                        return False
                    return self._challenge("Basic")
                if scheme == "Bearer" and service.entra:
                    if service.entra.valid(f"Bearer {value}", service.serving.url):
                        return True
                    return self._challenge("Bearer")
                if self.ntlm_user and not scheme:
                    return False  # the connection logged in earlier
                return self._challenge(None)

            def _ntlm(self, token: bytes) -> bool | None:
                if token[8:12] == NTLM_NEGOTIATE.to_bytes(4, "little"):
                    self.ntlm, self.ntlm_user = spnego.server(protocol="ntlm"), None
                if self.ntlm is None:
                    return self._challenge("NTLM")
                try:
                    answer = self.ntlm.step(token)
                except SpnegoError:  # a wrong password, or an unknown user
                    self.ntlm = None
                    return self._challenge("NTLM")
                if not self.ntlm.complete:
                    self._send_401(f"NTLM {base64.b64encode(answer).decode()}")
                    return None
                self.ntlm_user, self.ntlm = self.ntlm.client_principal, None
                service.logins.append(self.ntlm_user)
                return False

            def _challenge(self, refused: str | None) -> None:
                if refused:
                    service.refused.append(refused)
                offered = {"NTLM": "NTLM", "Basic": 'Basic realm="mail"', "Bearer": "Bearer"}
                self._send_401(*(offered[scheme] for scheme in service.schemes))
                return None

            def _send_401(self, *challenges: str) -> None:
                self.send_response(401)
                for challenge in challenges:
                    self.send_header("WWW-Authenticate", challenge)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.serving = (
            TlsServing(Handler, entra.cert_file, entra.key_file) if entra else Serving(Handler)
        )
        self.url = f"{self.serving.url}/EWS/Exchange.asmx"

    def _write_users(self) -> Path:
        """pyspnego reads an acceptor's users from the file NTLM_USER_FILE names (the
        format of Heimdal: DOMAIN:USER:PASSWORD); it is set for as long as this server runs."""
        folder = Path(tempfile.mkdtemp(prefix="ews-ntlm-"))
        users = folder / "users"
        domain, user = self.domain_user.split("\\")
        users.write_text(f":{self.user}:{self.password}\n{domain}:{user}:{self.password}\n")
        self._previous = os.environ.get("NTLM_USER_FILE")
        os.environ["NTLM_USER_FILE"] = str(users)
        return users

    def known(self, user: str) -> bool:
        return user.lower() in (self.user.lower(), self.domain_user.lower())

    def fault(self, code: str) -> bytes:
        return SOAP.format(
            body=f"<s:Fault><faultcode>s:Client</faultcode><faultstring>{code}</faultstring>"
            f'<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
            f"{code}</e:ResponseCode></detail></s:Fault>"
        ).encode()

    def sync(self, request) -> str:
        folder = request.xpath(".//*[local-name()='DistinguishedFolderId']/@Id")[0]
        address = _first(request, "EmailAddress")
        assert address in ("", self.mailbox), f"a folder of an unknown mailbox: {address}"
        state = int(_first(request, "SyncState") or 0)
        size = int(_first(request, "MaxChangesReturned"))
        items = self.folders[folder][state : state + size]
        after = state + len(items)
        creates = "".join(
            f'<t:Create><t:Message><t:ItemId Id={quoteattr(item_id)} ChangeKey="ck"/>'
            f"<t:Size>{len(raw)}</t:Size></t:Message></t:Create>"
            for item_id, raw in items
        )
        last = "true" if after >= len(self.folders[folder]) else "false"
        return (
            f"<m:SyncFolderItemsResponse {NS}><m:ResponseMessages>"
            '<m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
            f"<m:SyncState>{after}</m:SyncState><m:IncludesLastItemInRange>{last}</m:IncludesLastItemInRange>"
            f"<m:Changes>{creates}</m:Changes></m:SyncFolderItemsResponseMessage>"
            "</m:ResponseMessages></m:SyncFolderItemsResponse>"
        )

    def get(self, request) -> str:
        known = {item_id: raw for items in self.folders.values() for item_id, raw in items}
        messages = "".join(
            '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
            f'<m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">{escape(base64.b64encode(known[i]).decode())}'
            f"</t:MimeContent><t:ItemId Id={quoteattr(i)}/></t:Message></m:Items></m:GetItemResponseMessage>"
            for i in request.xpath(".//*[local-name()='ItemId']/@Id")
        )
        return f"<m:GetItemResponse {NS}><m:ResponseMessages>{messages}</m:ResponseMessages></m:GetItemResponse>"

    def close(self) -> None:
        self.serving.close()
        shutil.rmtree(self._user_file.parent, ignore_errors=True)
        if self._previous is None:
            os.environ.pop("NTLM_USER_FILE", None)
        else:
            os.environ["NTLM_USER_FILE"] = self._previous
