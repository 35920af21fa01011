"""Why a record is refused, in two forms: English text (the worker's log, the CLI, and the
dead letter's technical detail) and a code with its parameters, which Odoo renders in the
language of whoever reads the dead letter (`crm.sync.dead.letter` in crm_sync_connector).

The codes are a contract with the addon, as the RPC arguments are: add, never rename. An
addon that does not know a code shows the English text."""

from __future__ import annotations

from typing import Any


class Refusal(ValueError):
    """One thing wrong with a record: `str()` is the English text."""

    def __init__(self, code: str, text: str, **params: Any) -> None:
        super().__init__(text)
        self.code = code
        self.params = {key: _plain(value) for key, value in params.items()}

    def as_reason(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


def _plain(value: Any) -> Any:
    """Parameters travel as JSON and are shown as text."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def reasons_of(problems: list[Refusal]) -> list[dict[str, Any]]:
    return [problem.as_reason() for problem in problems]
