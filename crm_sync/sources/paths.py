"""Paths into a provider's JSON, for `items`, `next_path`, `since_field` and `fields`.

    contact.email              keys, separated by dots
    entry."1.3"  entry.'1.3'   a quoted key may contain dots (Gravity Forms' "1.3")
    answers.0  answers[0]      a list element by position; answers[-1] is the last
    answers[field.id=abc].text the first element whose `field.id` is "abc" (Typeform)
    "{'1.3'} {'1.6'}"          a template: each {path} replaced by its value, blanks
                               squeezed; empty when every value is missing

A path that cannot be parsed is a configuration error (ValueError naming it)."""

from __future__ import annotations

import functools
import re
from typing import Any

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def get(data: Any, path: str | None) -> Any:
    """The value at `path` in `data` (None when any step is missing); a template gives
    the joined text."""
    if not path:
        return data
    if "{" in path:
        return _fill(data, path)
    for step in parse(path):
        data = _step(data, step)
        if data is None:
            return None
    return data


def check(path: str) -> None:
    """Raise ValueError when `path` (or a template's placeholder) cannot be parsed."""
    if "{" in path:
        placeholders = PLACEHOLDER.findall(path)
        if not placeholders or PLACEHOLDER.sub("", path).count("{"):
            raise ValueError(f"the template {path!r} has an unclosed or empty {{...}}")
        for placeholder in placeholders:
            parse(placeholder)
    else:
        parse(path)


def _fill(data: Any, template: str) -> str | None:
    found = False

    def value(match: re.Match) -> str:
        nonlocal found
        got = get(data, match.group(1).strip())
        if got is None or got == "":
            return ""
        found = True
        return str(got)

    text = " ".join(PLACEHOLDER.sub(value, template).split())
    return text if found and text else None


def _step(data: Any, step: tuple) -> Any:
    kind = step[0]
    if kind == "key":
        if isinstance(data, dict):
            return data.get(step[1])
        if isinstance(data, list) and re.fullmatch(r"-?\d+", step[1]):
            return _index(data, int(step[1]))
        return None
    if kind == "index":
        return _index(data, step[1]) if isinstance(data, list) else None
    # ("match", key steps, wanted): the first element whose key has the wanted value
    if not isinstance(data, list):
        return None
    for element in data:
        got = element
        for key_step in step[1]:
            got = _step(got, key_step)
        if got is not None and _text(got) == step[2]:
            return element
    return None


def _index(data: list, position: int) -> Any:
    return data[position] if -len(data) <= position < len(data) else None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


TOKEN = re.compile(
    r"""
    (?P<dot>\.)
    | "(?P<dq>[^"]*)"
    | '(?P<sq>[^']*)'
    | \[(?P<selector>[^\]]*)\]
    | (?P<bare>[^.\["'\]]+)
    """,
    re.VERBOSE,
)


@functools.lru_cache(maxsize=1024)
def parse(path: str) -> tuple[tuple, ...]:
    steps: list[tuple] = []
    position, expect_key = 0, True
    while position < len(path):
        match = TOKEN.match(path, position)
        if not match:
            raise ValueError(f"cannot read the path {path!r} at {path[position:]!r}")
        position = match.end()
        if match.group("dot") is not None:
            if expect_key:
                raise ValueError(f"the path {path!r} has an empty key")
            expect_key = True
            continue
        if match.group("selector") is not None:
            steps.append(_selector(path, match.group("selector")))
            expect_key = False
            continue
        if not expect_key:
            raise ValueError(f"the path {path!r} needs a dot before {match.group(0)!r}")
        key = next(
            g for g in (match.group("dq"), match.group("sq"), match.group("bare")) if g is not None
        )
        steps.append(("key", key))
        expect_key = False
    if expect_key and steps:
        raise ValueError(f"the path {path!r} ends with a dot")
    if not steps:
        raise ValueError(f"the path {path!r} is empty")
    return tuple(steps)


def _selector(path: str, text: str) -> tuple:
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return ("index", int(text))
    key, equals, wanted = text.partition("=")
    if not equals or not key.strip():
        raise ValueError(
            f"the path {path!r}: [{text}] must be a position ([0]) or key=value ([field_id=3])"
        )
    wanted = wanted.strip()
    if len(wanted) >= 2 and wanted[0] == wanted[-1] and wanted[0] in "\"'":
        wanted = wanted[1:-1]
    return ("match", parse(key.strip()), wanted)
