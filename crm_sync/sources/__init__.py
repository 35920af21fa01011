"""Source adapters: one module per kind, all behind `base.Source`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Page, Source, SourceConfigError, Submission, validate_options
from .eml import EmlFolderSource
from .ews import EwsSource
from .file import FileSource
from .graph import GraphSource
from .imap import ImapSource
from .rest_json import RestJsonSource
from .soap import SoapSource
from .webhook import WebhookSource

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
    "webhook": WebhookSource,
}


def build_source(settings: SourceSettings) -> Source:
    """The adapter of a source; a SourceConfigError names what is wrong in its settings
    (an unknown kind, an option, an unset secret variable)."""
    try:
        kind = KINDS[settings.kind]
    except KeyError:
        raise SourceConfigError(
            f'source "{settings.name}": unknown kind "{settings.kind}" (valid kinds: '
            f"{', '.join(KINDS)})"
        ) from None
    return kind(settings.name, settings.options)


def is_pushed(settings: SourceSettings) -> bool:
    """Whether the source's provider pushes (served by `crm-sync serve`, never pulled)."""
    kind = KINDS.get(settings.kind)
    return bool(kind and kind.pushed)


__all__ = [
    "KINDS",
    "Page",
    "Source",
    "SourceConfigError",
    "Submission",
    "build_source",
    "is_pushed",
    "validate_options",
]
