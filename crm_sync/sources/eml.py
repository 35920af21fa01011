"""A drop folder of .eml files and mbox files, for backfills; never moved or deleted.
The cursor is "<file name>:<messages read>"."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

from .base import Page, Source, Submission


class EmlFolderSource(Source):
    """Options: path, pattern ("*" by default: .eml files one mail each, .mbox files
    many), page_size."""

    kind = "eml"
    record_kind = "email"

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folder = Path(options["path"])
        self.pattern = options.get("pattern", "*")

    def fetch(self, cursor: str | None) -> Page:
        current, done = cursor.rsplit(":", 1) if cursor else ("", "0")
        files = sorted(
            p for p in self.folder.glob(self.pattern) if p.is_file() and p.name >= current
        )
        for path in files:
            skip = int(done) if path.name == current else 0
            raws = list(self._mails(path, skip))
            if raws:
                read = skip + len(raws)
                more = len(raws) >= self.page_size or path != files[-1]
                return Page(
                    [
                        Submission(raw=raw, mapped={"external_id": f"{path.name}:{skip + i}"})
                        for i, raw in enumerate(raws)
                    ],
                    f"{path.name}:{read}",
                    more,
                )
        return Page([], cursor, False)

    def _mails(self, path: Path, skip: int):
        if path.suffix == ".mbox":
            box = mailbox.mbox(path, create=False)
            try:
                for index, key in enumerate(box.keys()):
                    if index < skip:
                        continue
                    if index >= skip + self.page_size:
                        return
                    yield box.get_bytes(key)
            finally:
                box.close()
        elif skip == 0:
            yield path.read_bytes()
