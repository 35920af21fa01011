"""The commented EWS and Graph examples of docker/crm-sync.toml are valid sources once
uncommented: an operator who copies one gets no configuration error."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from crm_sync.config import SourceSettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # the worker's own fallback before Python 3.11
    import tomli as tomllib

EXAMPLES = Path(__file__).resolve().parent.parent / "docker" / "crm-sync.toml"


def commented_sources() -> list[dict]:
    blocks = re.findall(r"^# \[\[sources\]\]\n(?:^# .*\n?)+", EXAMPLES.read_text(), re.M)
    return [
        tomllib.loads("\n".join(line[2:] for line in block.splitlines()))["sources"][0]
        for block in blocks
    ]


def test_the_ews_and_graph_examples_are_valid_sources():
    examples = {source["name"]: source for source in commented_sources()}
    kinds = {name: source["kind"] for name, source in examples.items()}
    assert {"exchange": "ews", "exchange-oauth": "ews", "m365": "graph"}.items() <= kinds.items()
    for name in ("exchange", "exchange-oauth", "m365"):
        SourceSettings(**examples[name])
    assert examples["exchange"]["options"]["auth"] == "ntlm"
    assert examples["exchange-oauth"]["options"]["auth"] == "oauth"
