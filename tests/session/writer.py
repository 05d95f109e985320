"""A separate process that takes part in a session: used by the concurrency and push tests.

Run as ``python -m tests.session.writer URL ALIAS COUNT EXPECTED [PAUSE_AFTER]``. It opens the session
(listening for pushed events on PostgreSQL), prints ``ready``, waits for ``go`` on stdin, then adds
COUNT contributions (each sent twice, as a page whose first answer was lost would). With PAUSE_AFTER,
it prints ``paused`` after that many and waits for another ``go``. Then it waits until it has seen
EXPECTED contributions and prints one JSON line: the ids it wrote and the ids it saw, in the order it
saw them.
"""

from __future__ import annotations

import json
import sys
import time

from casekit.session.live import LiveSession
from casekit.store import CaseStore
from tests.session.helpers import CASE_ID, SESSION_DATE

#: The longest the writer waits for the others (seconds).
PATIENCE = 120.0


def _await_go() -> None:
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("no go")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(url: str, alias: str, count: int, expected: int, pause_after: int | None = None) -> None:
    with CaseStore.open(url) as store, LiveSession(store, CASE_ID, SESSION_DATE, alias=alias) as page:
        page.watch()
        page.poll_seconds = 0.05
        _say("ready")
        _await_go()
        wrote = []
        for i in range(count):
            if pause_after is not None and i == pause_after:
                _say("paused")
                _await_go()
            c = page.contribution("question", f"{alias} question {i}")
            page.add(c)
            page.add(c)  # a retry: must not duplicate
            wrote.append(c.id)
            page.refresh()
        deadline = time.monotonic() + PATIENCE
        while len(page.record.contributions) < expected and time.monotonic() < deadline:
            page.wait(deadline - time.monotonic())
        seen = [c.id for c in page.record.contributions]
        _say(json.dumps({"wrote": wrote, "seen": seen, "last_seq": page.last_seq}))


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]),
        int(sys.argv[4]),
        int(sys.argv[5]) if len(sys.argv) > 5 else None,
    )
