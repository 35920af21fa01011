"""An Exchange Web Services endpoint of the tests' own on loopback: SyncFolderItems and
GetItem answering as Exchange documents them, with HTTP basic authentication."""

from __future__ import annotations

import base64
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from tests.loopback import Serving, reply

SOAP = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>'
)
NS = (
    'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" '
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"'
)


class EwsService:
    user, password = "sales", "ews-secret"

    def __init__(self) -> None:
        self.folders: dict[str, list[tuple[str, bytes]]] = {"inbox": [], "sentitems": []}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                expected = base64.b64encode(f"{service.user}:{service.password}".encode()).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    reply(self, 401, b"", "text/plain")
                    return
                document = etree.fromstring(self.rfile.read(int(self.headers["Content-Length"])))
                operation = document.xpath("//*[local-name()='Body']/*")[0]
                name = etree.QName(operation).localname
                body = (
                    service.sync(operation) if name == "SyncFolderItems" else service.get(operation)
                )
                reply(self, 200, SOAP.format(body=body).encode(), "text/xml; charset=utf-8")

            def log_message(self, *args) -> None:
                pass

        self.serving = Serving(Handler)
        self.url = f"{self.serving.url}/EWS/Exchange.asmx"

    def sync(self, request) -> str:
        folder = request.xpath(".//*[local-name()='DistinguishedFolderId']/@Id")[0]
        state = int("".join(request.xpath(".//*[local-name()='SyncState']/text()")) or 0)
        size = int(request.xpath(".//*[local-name()='MaxChangesReturned']/text()")[0])
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
