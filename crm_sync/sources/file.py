"""A drop folder of JSONL or CSV files, read in name order, never moved or deleted."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .base import Page, Source


class FileSource(Source):
    """Options: path (the folder), pattern ("*.jsonl" by default; "*.csv" reads CSV with a
    header row), fields. The cursor is "<file name>:<lines read>"."""

    kind = "file"

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name, options)
        self.folder = Path(options["path"])
        self.pattern = options.get("pattern", "*.jsonl")

    def fetch(self, cursor: str | None) -> Page:
        current, done = cursor.rsplit(":", 1) if cursor else ("", "0")
        files = sorted(p for p in self.folder.glob(self.pattern) if p.name >= current)
        for path in files:
            skip = int(done) if path.name == current else 0
            raws, read = self._read(path, skip)
            if raws:
                next_cursor = f"{path.name}:{read}"
                more = len(raws) >= self.page_size or path != files[-1]
                return Page(self.submissions(raws), next_cursor, more)
        return Page([], cursor, False)

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
