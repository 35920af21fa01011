"""The product's smoke test, run by `scripts/run-product --smoke` against the product it just
started: a person logs in over HTTP, drops a file into the worker's inbox, and sees its
leads in Odoo within a minute. Exits non-zero, saying what it waited for, otherwise."""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

import requests

TIMEOUT = 10  # seconds, every HTTP call


def login(url: str, database: str, password: str) -> requests.Session:
    session = requests.Session()
    answer = session.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": database, "login": "admin", "password": password}},
        timeout=TIMEOUT,
    ).json()
    if not (answer.get("result") or {}).get("uid"):
        raise SystemExit(f"smoke: cannot log in as admin: {answer.get('error')}")
    print(f"smoke: logged in over HTTP as admin (uid {answer['result']['uid']})")
    return session


def leads_with(session: requests.Session, url: str, emails: list[str]) -> list[dict]:
    answer = session.post(
        f"{url}/web/dataset/call_kw/crm.lead/search_read",
        json={
            "params": {
                "model": "crm.lead",
                "method": "search_read",
                "args": [[("email_from", "in", emails)], ["name", "contact_name"]],
                "kwargs": {"order": "email_from"},
            }
        },
        timeout=TIMEOUT,
    ).json()
    return answer.get("result") or []


def check_leads(found: list[dict]) -> int:
    """The file's columns landed in the right fields, as a salesperson reads them."""
    got = [(lead["name"], lead["contact_name"]) for lead in found]
    want = [("Quote for 20 chairs", "Sara Ahmadi"), ("Service contract", "Reza Karimi")]
    if got != want:
        print(f"smoke: FAILED: the leads read {got}, the file said {want}")
        return 1
    print(f"smoke: the leads read as the file said: {got}")
    return 0


def drop_file(inbox: Path) -> list[str]:
    tag = uuid.uuid4().hex[:8]
    emails = [f"smoke-{tag}-{n}@example.com" for n in (1, 2)]
    rows = [
        "id,subject,name,email,phone",
        f"smoke-{tag}-1,Quote for 20 chairs,Sara Ahmadi,{emails[0]},+98 912 555 0101",
        f"smoke-{tag}-2,Service contract,Reza Karimi,{emails[1]},",
    ]
    target = inbox / f"smoke-{tag}.csv"
    partial = target.with_suffix(".part")
    partial.write_text("\n".join(rows) + "\n", encoding="utf-8")
    partial.rename(target)  # the worker never sees half a file
    print(f"smoke: dropped {target.name} with {len(emails)} leads")
    return emails


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--inbox", type=Path, required=True)
    parser.add_argument("--secret-file", type=Path, required=True)
    parser.add_argument("--password", default="admin")
    parser.add_argument("--wait-seconds", type=int, default=90)
    args = parser.parse_args()
    if not args.secret_file.read_text().strip():
        raise SystemExit("smoke: the set-up wrote no API key for the worker")
    session = login(args.url, args.database, args.password)
    emails = drop_file(args.inbox)
    deadline = time.monotonic() + args.wait_seconds
    while time.monotonic() < deadline:
        found = leads_with(session, args.url, emails)
        if len(found) == len(emails):
            waited = args.wait_seconds - (deadline - time.monotonic())
            print(f"smoke: {len(found)} leads in Odoo after {waited:.0f} s")
            return check_leads(found)
        time.sleep(2)
    found = leads_with(session, args.url, emails)
    print(f"smoke: FAILED: {len(found)} of {len(emails)} leads in Odoo after {args.wait_seconds} s")
    return 1


if __name__ == "__main__":
    sys.exit(main())
