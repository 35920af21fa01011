"""Any IMAP server: folders read with BODY.PEEK (nothing marked read, moved or deleted);
the cursor is UIDVALIDITY plus the last UID taken, per folder."""

from __future__ import annotations

import contextlib
import imaplib
import json
import re
import ssl
from typing import Any

from pydantic import Field

from .base import BaseOptions, Page, Source, Submission

UID = re.compile(rb"UID (\d+)")
SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class ImapOptions(BaseOptions):
    host: str = "127.0.0.1"
    port: int | None = None
    ssl: bool = True
    starttls: bool = False
    username: str
    password_env: str
    folders: list[str] = Field(default_factory=lambda: ["INBOX"])
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)


class ImapSource(Source):
    """Options: host, port (993, or 143 with ssl = false), ssl, starttls, username,
    password_env, folders (["INBOX", "Sent"]), page_size (mails), max_page_bytes."""

    kind = "imap"
    record_kind = "email"
    Options = ImapOptions
    required_secrets = ("password",)

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folders = list(options.get("folders", ["INBOX"]))
        # one page of mails is held in memory at once: keep it well under the worker's budget
        self.max_page_bytes = int(options.get("max_page_bytes", 16 * 1024 * 1024))

    def _connect(self) -> imaplib.IMAP4:
        host = self.options.get("host", "127.0.0.1")
        if self.options.get("ssl", True):
            connection = imaplib.IMAP4_SSL(
                host,
                int(self.options.get("port", 993)),
                ssl_context=ssl.create_default_context(),
                timeout=self.timeout,
            )
        else:
            connection = imaplib.IMAP4(
                host, int(self.options.get("port", 143)), timeout=self.timeout
            )
            if self.options.get("starttls"):
                connection.starttls(ssl.create_default_context())
        connection.login(self.options["username"], self.secret("password", required=True))
        return connection

    def fetch(self, cursor: str | None) -> Page:
        state = json.loads(cursor) if cursor else {}
        connection = self._connect()
        try:
            for folder in self.folders:
                page = self._fetch_folder(connection, folder, state)
                if page is not None:
                    return page
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                connection.logout()
        return Page([], json.dumps(state, sort_keys=True) if state else cursor, False)

    def _fetch_folder(self, connection: imaplib.IMAP4, folder: str, state: dict) -> Page | None:
        status, data = connection.select(_quote(folder), readonly=True)
        if status != "OK":
            raise OSError(f"{self.name}: cannot open folder {folder!r}: {data!r}")
        validity = self._validity(connection)
        known_validity, last_uid = state.get(folder, [validity, 0])
        if known_validity != validity:  # the folder was rebuilt: read it again, ids dedupe
            last_uid = 0
        status, data = connection.uid("SEARCH", None, f"UID {last_uid + 1}:*")
        uids = [int(u) for u in (data[0] or b"").split() if int(u) > last_uid]
        if not uids:
            state[folder] = [validity, last_uid]
            return None
        chosen = self._within_budget(connection, uids[: self.page_size])
        taken = []
        for uid, raw in self._bodies(connection, chosen):
            taken.append(Submission(raw=raw, mapped={"external_id": f"{folder}:{validity}:{uid}"}))
            state[folder] = [validity, uid]
        more = len(taken) < len(uids) or folder != self.folders[-1]
        return Page(taken, json.dumps(state, sort_keys=True), more)

    def _within_budget(self, connection: imaplib.IMAP4, uids: list[int]) -> list[int]:
        """As many of `uids` as fit in max_page_bytes (always at least one), by their sizes."""
        _status, data = connection.uid("FETCH", ",".join(map(str, uids)), "(RFC822.SIZE)")
        sizes = {}
        for item in data:
            line = item[0] if isinstance(item, tuple) else item
            uid, size = UID.search(line or b""), SIZE.search(line or b"")
            if uid and size:
                sizes[int(uid.group(1))] = int(size.group(1))
        chosen, total = [], 0
        for uid in uids:
            total += sizes.get(uid, 0)
            if chosen and total > self.max_page_bytes:
                break
            chosen.append(uid)
        return chosen

    @staticmethod
    def _bodies(connection: imaplib.IMAP4, uids: list[int]):
        """The mails of `uids` in one round trip, with BODY.PEEK: nothing marked read."""
        _status, data = connection.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
        found = {}
        for item in data:
            if isinstance(item, tuple):
                match = UID.search(item[0])
                if match:
                    found[int(match.group(1))] = item[1]
        return [(uid, found[uid]) for uid in uids if uid in found]

    @staticmethod
    def _validity(connection: imaplib.IMAP4) -> int:
        """The UIDVALIDITY the server sent when the folder was selected."""
        _code, values = connection.response("UIDVALIDITY")
        return int(values[0]) if values and values[0] else 0


def _quote(folder: str) -> str:
    return f'"{folder}"' if " " in folder and not folder.startswith('"') else folder
