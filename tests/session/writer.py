"""A separate process that takes part in a session: used by the concurrency test.

Run as ``python -m tests.session.writer URL ALIAS COUNT EXPECTED``. It opens the session, prints
``ready``, waits for ``go`` on stdin, then adds COUNT contributions (each sent twice, as a page
whose first answer was lost would), then polls until it has seen EXPECTED contributions and prints
one JSON line: the ids it wrote and the ids it saw, in the order it saw them.
"""

from __future__ import annotations

import json
import sys
import time

from casekit.session.live import LiveSession
from casekit.store import CaseStore
from tests.session.helpers import CASE_ID, SESSION_DATE

#: Seconds between polls, as a page polls, and the longest the writer waits for the others.
POLL, PATIENCE = 0.05, 120.0


def main(url: str, alias: str, count: int, expected: int) -> None:
    with CaseStore.open(url) as store:
        page = LiveSession(store, CASE_ID, SESSION_DATE, alias=alias, role="member")
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        if sys.stdin.readline().strip() != "go":
            raise SystemExit("no go")
        wrote = []
        for i in range(count):
            c = page.contribution("question", f"{alias} question {i}")
            page.add(c)
            page.add(c)  # a retry: must not duplicate
            wrote.append(c.id)
            page.refresh()
        deadline = time.monotonic() + PATIENCE
        while len(page.record.contributions) < expected and time.monotonic() < deadline:
            time.sleep(POLL)
            page.refresh()
        seen = [c.id for c in page.record.contributions]
        sys.stdout.write(json.dumps({"wrote": wrote, "seen": seen, "last_seq": page.last_seq}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
