"""On-premises Exchange through EWS: SyncFolderItems as the cursor (its SyncState per
folder), GetItem with the MIME content, over zeep's transport (one session, timeouts).

The requests are written as EWS documents them rather than generated from the server's
WSDL: Exchange's schema is large and its choice groups make generated calls brittle;
these two operations have been stable since Exchange 2007. Exchange Online is retiring
EWS (2026-2027): use the `graph` source there."""

from __future__ import annotations

import base64
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import requests
from lxml import etree
from pydantic import Field
from zeep.transports import Transport

from .base import BaseOptions, Page, Source, Submission

MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages"
ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" '
    f'xmlns:m="{MESSAGES}">'
    "<soap:Header><t:RequestServerVersion Version={version}/></soap:Header>"
    "<soap:Body>{body}</soap:Body></soap:Envelope>"
)


def _local(name: str) -> str:
    return f"//*[local-name()='{name}']"


class EwsOptions(BaseOptions):
    url: str
    username: str
    password_env: str
    folders: list[str] = Field(default_factory=lambda: ["inbox", "sentitems"])
    server_version: str = "Exchange2013"
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)


class EwsSource(Source):
    """Options: url (https://mail.example.com/EWS/Exchange.asmx), username, password_env
    (HTTP basic authentication), folders (["inbox", "sentitems"]), page_size,
    server_version (Exchange2013)."""

    kind = "ews"
    record_kind = "email"
    Options = EwsOptions
    required_secrets = ("password",)

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.url = options["url"]
        self.folders = list(options.get("folders", ["inbox", "sentitems"]))
        self.version = options.get("server_version", "Exchange2013")
        session = requests.Session()
        if options.get("username"):
            session.auth = (options["username"], self.secret("password", required=True))
        self.transport = Transport(
            session=session, timeout=self.timeout, operation_timeout=self.timeout
        )

    def fetch(self, cursor: str | None) -> Page:
        """The next mails of the first folder that has any, within `max_page_bytes` by
        the sizes SyncFolderItems reports. When the budget cuts a batch of changes, the
        folder keeps its previous SyncState with how many were taken ({"sync", "skip"}):
        asked again from that state, Exchange returns the same changes, and the rest are
        taken."""
        state = json.loads(cursor) if cursor else {}
        for folder in self.folders:
            where = state.get(folder)
            before, skip = (where["sync"], where["skip"]) if isinstance(where, dict) else (where, 0)
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

    def _within_budget(self, items: list[tuple[str, int]]) -> list[str]:
        chosen, total = [], 0
        for item_id, size in items:
            total += size
            if chosen and total > self.config.max_page_bytes:
                break
            chosen.append(item_id)
        return chosen

    def _call(self, operation: str, body: str) -> etree._Element:
        envelope = ENVELOPE.format(version=quoteattr(self.version), body=body)
        response = self.transport.post(
            self.url,
            envelope.encode(),
            {
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f'"{MESSAGES}/{operation}"',
            },
        )
        response.raise_for_status()
        document = etree.fromstring(response.content)
        for message in document.xpath(_local(f"{operation}ResponseMessage")):
            if message.get("ResponseClass") == "Error":
                text = "".join(message.xpath(f"{_local('MessageText')}/text()"))
                raise OSError(f"{self.name}: EWS {operation} failed: {text}")
        return document

    def _sync(self, folder: str, sync_state: str | None) -> tuple[str, bool, list[tuple[str, int]]]:
        """(new SyncState, whether it is the folder's last batch, [(item id, size)])."""
        state_element = f"<m:SyncState>{escape(sync_state)}</m:SyncState>" if sync_state else ""
        document = self._call(
            "SyncFolderItems",
            "<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>"
            '<t:AdditionalProperties><t:FieldURI FieldURI="item:Size"/></t:AdditionalProperties>'
            "</m:ItemShape>"
            f"<m:SyncFolderId><t:DistinguishedFolderId Id={quoteattr(folder)}/></m:SyncFolderId>"
            f"{state_element}<m:MaxChangesReturned>{self.page_size}</m:MaxChangesReturned>"
            "</m:SyncFolderItems>",
        )
        new_state = "".join(document.xpath(f"{_local('SyncState')}/text()")) or sync_state or ""
        last = "".join(document.xpath(f"{_local('IncludesLastItemInRange')}/text()")) != "false"
        created = []
        for create in document.xpath(_local("Create")):
            item_id = "".join(create.xpath(f".{_local('ItemId')}/@Id"))
            size = "".join(create.xpath(f".{_local('Size')}/text()"))
            created.append((item_id, int(size) if size.isdigit() else 0))
        return new_state, last, created

    def _mime(self, item_ids: list[str]) -> list[Submission]:
        ids = "".join(f"<t:ItemId Id={quoteattr(item)}/>" for item in item_ids)
        document = self._call(
            "GetItem",
            "<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>"
            "<t:IncludeMimeContent>true</t:IncludeMimeContent></m:ItemShape>"
            f"<m:ItemIds>{ids}</m:ItemIds></m:GetItem>",
        )
        submissions = []
        for message in document.xpath(_local("Items") + "/*"):
            mime = "".join(message.xpath(f".{_local('MimeContent')}/text()"))
            item_id = "".join(message.xpath(f".{_local('ItemId')}/@Id"))
            submissions.append(
                Submission(raw=base64.b64decode(mime), mapped={"external_id": item_id})
            )
        return submissions
