"""Any IMAP server: folders read with BODY.PEEK (nothing marked read, moved or deleted);
the cursor is UIDVALIDITY plus the last UID taken, per folder."""

from __future__ import annotations

import contextlib
import imaplib
import json
import ssl
from typing import Any

from .base import Page, Source, Submission


class ImapSource(Source):
    """Options: host, port (993, or 143 with ssl = false), ssl, starttls, username,
    password_env, folders (["INBOX", "Sent"]), page_size (mails), max_page_bytes."""

    kind = "imap"
    record_kind = "email"

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folders = list(options.get("folders", ["INBOX"]))
        self.max_page_bytes = int(options.get("max_page_bytes", 64 * 1024 * 1024))

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
        connection.login(self.options["username"], self.secret("password") or "")
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
        taken, size = [], 0
        for uid in uids[: self.page_size]:
            status, parts = connection.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), b"")
            taken.append(Submission(raw=raw, mapped={"external_id": f"{folder}:{validity}:{uid}"}))
            size += len(raw)
            state[folder] = [validity, uid]
            if size >= self.max_page_bytes:
                break
        more = len(taken) < len(uids) or folder != self.folders[-1]
        return Page(taken, json.dumps(state, sort_keys=True), more)

    @staticmethod
    def _validity(connection: imaplib.IMAP4) -> int:
        """The UIDVALIDITY the server sent when the folder was selected."""
        _code, values = connection.response("UIDVALIDITY")
        return int(values[0]) if values and values[0] else 0


def _quote(folder: str) -> str:
    return f'"{folder}"' if " " in folder and not folder.startswith('"') else folder
