"""A drop folder of JSONL or CSV files, never moved or deleted.

The cursor records what was read of each file ({"<file name>": rows read}), not a
position in name order: a file dropped later under a name that sorts first is still read,
and a file that grows is read from where it stopped."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .base import LeadOptions, Page, Source


class FileOptions(LeadOptions):
    path: str
    pattern: str = "*.jsonl"


class FileSource(Source):
    """Options: path (the folder), pattern ("*.jsonl" by default; "*.csv" reads CSV with a
    header row), page_size, fields."""

    kind = "file"
    Options = FileOptions

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folder = Path(self.config.path)
        self.pattern = self.config.pattern

    def fetch(self, cursor: str | None) -> Page:
        read = read_state(cursor)
        files = sorted(p for p in self.folder.glob(self.pattern) if p.is_file())
        for index, path in enumerate(files):
            raws, rows = self._read(path, read.get(path.name, 0))
            if rows > read.get(path.name, 0):
                read[path.name] = rows
            if raws:
                more = len(raws) >= self.page_size or index < len(files) - 1
                return Page(self.submissions(raws), _state(read), more)
        return Page([], _state(read) if read else cursor, False)

    def _read(self, path: Path, skip: int) -> tuple[list[Any], int]:
        """Up to a page of records after the first `skip` rows; blank lines are skipped but
        counted, so the cursor stays a plain row count."""
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            rows = csv.DictReader(handle) if path.suffix == ".csv" else handle
            raws, read = [], skip
            for index, row in enumerate(rows):
                if index < skip:
                    continue
                if len(raws) >= self.page_size:
                    break
                read = index + 1
                if isinstance(row, str) and not row.strip():
                    continue
                raws.append(row if isinstance(row, dict) else self._parse_line(row))
            return raws, read

    @staticmethod
    def _parse_line(line: str) -> Any:
        """A line that is not JSON is kept as text; validation makes it a dead letter."""
        try:
            return json.loads(line)
        except ValueError:
            return line.rstrip("\n")


def read_state(cursor: str | None) -> dict[str, int]:
    """{file name: rows (or mails) read}; the older "<file name>:<rows>" cursor too."""
    if not cursor:
        return {}
    if cursor.startswith("{"):
        return {str(k): int(v) for k, v in json.loads(cursor).items()}
    name, _colon, done = cursor.rpartition(":")
    return {name: int(done)} if done.isdigit() else {}


def _state(read: dict[str, int]) -> str:
    return json.dumps(read, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
