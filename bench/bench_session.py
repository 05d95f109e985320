"""Benchmark the live session's event log against plain SQLite and PostgreSQL, side by side, in one run.

    python bench/bench_session.py [--events 300] [--pg postgresql://USER@HOST/DB]
                                  [--members 12] [--duration 15] [--interval 1.0]

Prints, per backend, the median and p95 of:

* adding a contribution through :class:`casekit.session.live.LiveSession` (validate, store with its
  per-session order and idempotency check, read back), next to a bare ``sqlite3`` INSERT of the same
  JSON with the same durability (WAL, synchronous=FULL);
* one poll with nothing new (what every page does twice a second), next to a bare ``SELECT``;
* the delay until a second reader sees a new contribution when it polls every 0.5 s (worst case is
  the poll interval plus one poll).

With ``--pg`` (a database the benchmark may fill; use an empty one), it also prints:

* a bare psycopg LISTEN/NOTIFY round trip (NOTIFY on one connection, received on another);
* with push: the time from a member's ``add`` call to the contribution being in another member's
  record (the other page woken by its listener, each member with its own store connection, as two
  kernels would be);
* a group: ``--members`` members (default 12) each sending one contribution every ``--interval``
  seconds, all at the same moment, for ``--duration`` seconds (default 15 s, to keep the run short;
  pass 60 for a minute). Every member must end with every contribution exactly once, in the same
  order; it prints how many were lost or duplicated and the median and p95 delay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit.model import Case, CaseMeta  # noqa: E402
from casekit.session.live import LiveSession  # noqa: E402
from casekit.store import CaseStore  # noqa: E402

DAY = dt.date(2026, 3, 2)
CASE_ID = "CK-0901"
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


def bench_plain_pg(url: str, n: int) -> None:
    import psycopg

    print("plain PostgreSQL (psycopg, no casekit):")
    chan = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as lis, psycopg.connect(url, autocommit=True) as snd:
        lis.execute(f"LISTEN {chan}")

        def round_trip() -> None:
            snd.execute(f"NOTIFY {chan}, 'x'")
            next(lis.notifies(timeout=10, stop_after=1))

        show("psycopg: NOTIFY seen by a LISTENing connection", timed(round_trip, n))


class Page:
    """One member's page on its own thread: its own store connection, listening, noting arrivals."""

    def __init__(self, url: str, alias: str, day: dt.date) -> None:
        self.store = CaseStore.open(url)
        self.session = LiveSession(self.store, CASE_ID, day, alias=alias)
        self.session.watch()
        self.seen: dict[str, float] = {}
        self.order: list[str] = []
        self.sent: dict[str, float] = {}
        self.took: list[float] = []
        self.changed = threading.Condition()

    def note(self) -> None:
        """Stamp contributions that arrived in the record since the last look."""
        now = time.perf_counter()
        with self.changed:
            for c in self.session.record.contributions[len(self.order) :]:
                self.order.append(c.id)
                self.seen.setdefault(c.id, now)
            self.changed.notify_all()

    def send(self, i: int) -> None:
        c = self.session.contribution("question", f"{self.session.me.alias}: {TEXT[:80]} ({i})")
        self.sent[c.id] = time.perf_counter()
        self.session.add(c)
        self.took.append((time.perf_counter() - self.sent[c.id]) * 1000)
        self.note()

    def listen_until(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.session.wait(60)
            self.note()

    def close(self) -> None:
        self.session.close()
        self.store.close()


def delays(pages: list[Page]) -> list[float]:
    """Milliseconds from each add call to the contribution's arrival on every *other* page."""
    sent = {cid: t for p in pages for cid, t in p.sent.items()}
    return [(p.seen[cid] - t) * 1000 for p in pages for cid, t in sent.items() if cid not in p.sent]


def bench_push(url: str, n: int) -> None:
    print("casekit on PostgreSQL with push (LISTEN/NOTIFY), two members, each its own connection:")
    day = DAY + dt.timedelta(days=1)
    writer, reader = Page(url, "Member B", day), Page(url, "Member D", day)
    stop = threading.Event()
    thread = threading.Thread(target=reader.listen_until, args=(stop,))
    thread.start()
    try:
        for i in range(n):
            writer.send(i)
            with reader.changed:
                reader.changed.wait_for(lambda i=i: len(reader.order) >= i + 1, timeout=30)
    finally:
        stop.set()
        reader.session.wake()
        thread.join()
    show("casekit: seen by another page (push)", delays([writer, reader]))
    writer.close()
    reader.close()


def bench_group(url: str, members: int, duration: float, interval: float) -> None:
    print(
        f"casekit on PostgreSQL with push: {members} members each sending every {interval:g} s, all at "
        f"once, for {duration:g} s:"
    )
    day = DAY + dt.timedelta(days=2)
    pages = [Page(url, f"Member {chr(ord('A') + i)}", day) for i in range(members)]
    rounds = max(1, int(duration / interval))
    total = len(pages[0].session.record.contributions) + members * rounds
    start = time.perf_counter() + 0.5

    def member(page: Page) -> None:
        """One page, one thread (as in a kernel): send on the beat, and between beats wait for pushes."""
        for i in range(rounds):
            while (pause := start + i * interval - time.perf_counter()) > 0:
                page.session.wait(pause)
                page.note()
            page.send(i)
        deadline = time.perf_counter() + 30
        while len(page.order) < total and time.perf_counter() < deadline:
            page.session.wait(deadline - time.perf_counter())
            page.note()

    threads = [threading.Thread(target=member, args=(p,)) for p in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent = {cid for p in pages for cid in p.sent}
    lost = sum(len(sent - set(p.order)) for p in pages)
    doubled = sum(len(p.order) - len(set(p.order)) for p in pages)
    same_order = all(p.order == pages[0].order for p in pages)
    print(
        f"  {len(sent)} contributions sent; on every page: lost {lost}, duplicated {doubled}, "
        f"same order everywhere: {'yes' if same_order else 'NO'}"
    )
    show("casekit: one add (waits for the others' writes)", [ms for p in pages for ms in p.took])
    show("casekit: seen by every other member (push)", delays(pages))
    for p in pages:
        p.close()


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
    parser.add_argument("--members", type=int, default=12, help="members in the group run (default 12)")
    parser.add_argument(
        "--duration", type=float, default=15.0, help="seconds of the group run (default 15; 60 for a minute)"
    )
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between one member's sends")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_store(f"sqlite:///{Path(tmp) / 'cases.db'}", args.events, "casekit on SQLite")
        bench_plain_sqlite(Path(tmp) / "plain.db", args.events)
    if args.pg:
        bench_store(args.pg, args.events, "casekit on PostgreSQL")
        bench_plain_pg(args.pg, args.events)
        bench_push(args.pg, min(args.events, 100))
        bench_group(args.pg, args.members, args.duration, args.interval)


if __name__ == "__main__":
    main()
