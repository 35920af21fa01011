"""Source adapters: one module per kind, all behind `base.Source`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Page, Source, Submission
from .eml import EmlFolderSource
from .ews import EwsSource
from .file import FileSource
from .graph import GraphSource
from .imap import ImapSource
from .rest_json import RestJsonSource
from .soap import SoapSource

if TYPE_CHECKING:
    from ..config import SourceSettings

KINDS: dict[str, type[Source]] = {
    "rest_json": RestJsonSource,
    "soap": SoapSource,
    "file": FileSource,
    "imap": ImapSource,
    "eml": EmlFolderSource,
    "graph": GraphSource,
    "ews": EwsSource,
}


def build_source(settings: SourceSettings) -> Source:
    try:
        kind = KINDS[settings.kind]
    except KeyError:
        raise ValueError(
            f"source {settings.name!r}: unknown kind {settings.kind!r} (known: {', '.join(KINDS)})"
        ) from None
    return kind(settings.name, settings.options)


__all__ = ["KINDS", "Page", "Source", "Submission", "build_source"]
