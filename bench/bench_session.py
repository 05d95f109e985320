"""Benchmark the live session's event log against plain SQLite, side by side, in one run.

    python bench/bench_session.py [--events 300] [--pg postgresql://USER@HOST/DB]

Prints, per backend, the median and p95 of:

* adding a contribution through :class:`casekit.session.live.LiveSession` (validate, store with its
  per-session order and idempotency check, read back), next to a bare ``sqlite3`` INSERT of the same
  JSON with the same durability (WAL, synchronous=FULL);
* one poll with nothing new (what every page does twice a second), next to a bare ``SELECT``;
* the delay until a second reader sees a new contribution when it polls every 0.5 s (worst case is
  the poll interval plus one poll).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit.model import Case, CaseMeta  # noqa: E402
from casekit.session.live import LiveSession  # noqa: E402
from casekit.store import CaseStore  # noqa: E402

DAY = dt.date(2026, 3, 2)
TEXT = "A perspective of ordinary length, about the family's view of asking for help outside it. " * 3


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def show(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(f"  {label:<46} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms")


def bench_store(url: str, n: int, label: str) -> None:
    print(f"{label}:")
    with CaseStore.open(url) as store:
        store.create(
            Case(meta=CaseMeta(case_id="CK-0901", clinician_alias="Presenter A")), author="Presenter A"
        )
        writer = LiveSession(store, "CK-0901", DAY, alias="Member B")
        reader = LiveSession(store, "CK-0901", DAY, alias="Member D")
        show("casekit: add a contribution", timed(lambda: writer.contribute("question", TEXT), n))
        reader.refresh()
        show("casekit: poll with nothing new", timed(reader.refresh, n))
        delays = []
        for i in range(20):
            writer.contribute("question", TEXT)
            # A reader polling every 0.5 s sees it after (uniformly) 0–0.5 s plus one poll.
            offset = (i / 20) * 0.5
            t = time.perf_counter()
            reader.refresh()
            delays.append(offset * 1000 + (time.perf_counter() - t) * 1000)
        show("casekit: seen by another page (0.5 s polling)", delays)


def bench_plain_sqlite(path: Path, n: int) -> None:
    print("plain sqlite3 (same durability, no validation, no ordering or idempotency):")
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE e (id INTEGER PRIMARY KEY, payload TEXT)")
    body = json.dumps({"kind": "question", "text": TEXT})

    def insert() -> None:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO e (payload) VALUES (?)", (body,))
        con.execute("COMMIT")

    show("sqlite3: insert one row", timed(insert, n))
    last = con.execute("SELECT max(id) FROM e").fetchone()[0]
    show(
        "sqlite3: select rows after the last id",
        timed(lambda: con.execute("SELECT * FROM e WHERE id > ?", (last,)).fetchall(), n),
    )
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--pg", default="", help="a PostgreSQL database URL to benchmark as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_store(f"sqlite:///{Path(tmp) / 'cases.db'}", args.events, "casekit on SQLite")
        bench_plain_sqlite(Path(tmp) / "plain.db", args.events)
    if args.pg:
        bench_store(args.pg, args.events, "casekit on PostgreSQL")


if __name__ == "__main__":
    main()
