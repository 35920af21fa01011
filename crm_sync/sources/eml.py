"""A drop folder of .eml files and mbox files, for backfills; never moved or deleted.

A page gathers up to `page_size` mails across files (one RPC for many .eml files), within
`max_page_bytes`. The cursor records what was read of each file ({"<file name>": mails
read}), so a file dropped later under a name that sorts first is still read."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

from pydantic import Field

from .base import BaseOptions, Page, Source, Submission
from .file import _state, read_state


class EmlOptions(BaseOptions):
    path: str
    pattern: str = "*"
    max_page_bytes: int = Field(16 * 1024 * 1024, ge=1024)


class EmlFolderSource(Source):
    """Options: path, pattern ("*" by default: .eml files one mail each, .mbox files
    many), page_size, max_page_bytes."""

    kind = "eml"
    record_kind = "email"
    Options = EmlOptions

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folder = Path(self.config.path)
        self.pattern = self.config.pattern

    def fetch(self, cursor: str | None) -> Page:
        read = read_state(cursor)
        files = sorted(p for p in self.folder.glob(self.pattern) if p.is_file())
        taken: list[Submission] = []
        size = 0
        for path in files:
            done = read.get(path.name, 0)
            for raw in self._mails(path, done):
                if len(taken) >= self.page_size or (
                    taken and size + len(raw) > self.config.max_page_bytes
                ):
                    return Page(taken, _state(read), True)
                taken.append(Submission(raw=raw, mapped={"external_id": f"{path.name}:{done}"}))
                size += len(raw)
                done += 1
                read[path.name] = done
        return Page(taken, _state(read) if read else cursor, False)

    def _mails(self, path: Path, skip: int):
        if path.suffix == ".mbox":
            box = mailbox.mbox(path, create=False)
            try:
                for index, key in enumerate(box.keys()):
                    if index >= skip:
                        yield box.get_bytes(key)
            finally:
                box.close()
        elif skip == 0:
            yield path.read_bytes()
