"""Live sessions pushed by PostgreSQL (LISTEN/NOTIFY) instead of polled; SQLite keeps polling."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from casekit.errors import StoreError
from casekit.session.live import LiveSession
from casekit.store import CaseStore
from casekit.store import session_events as sessions_module
from casekit.store.notify import channel
from casekit.widgets.scheduler import LoopScheduler
from casekit.widgets.session import MemberView
from tests.fictional import session_case
from tests.session.helpers import CASE_ID, SESSION_DATE
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
#: The longest any condition is waited for (seconds); tests wait for conditions, never for time.
PATIENCE = 60.0
#: So long that only a notice (never the safety-net poll) can wake a reader within PATIENCE.
NEVER = 3600.0


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[CaseStore]:
    """An open PostgreSQL store holding the fictional case."""
    with CaseStore.open(postgres_url) as opened:
        opened.create(session_case(), author="Presenter A")
        yield opened


def _raw(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=True)


def _listening_raw(url: str) -> psycopg.Connection:
    conn = _raw(url)
    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel(CASE_ID, SESSION_DATE))))
    return conn


def _see(page: LiveSession, count: int) -> list[int]:
    """Wait (woken by notices only) until the page has ``count`` contributions; the seqs read."""
    read: list[int] = []
    deadline = time.monotonic() + PATIENCE
    while len(page.record.contributions) < count and time.monotonic() < deadline:
        read.extend(e.seq for e in page.wait(deadline - time.monotonic()))
    return read


def _writer(url: str, alias: str, count: int, pause_after: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.session.writer", url, alias, str(count), str(count), str(pause_after)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expect(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdout is not None
    got = proc.stdout.readline().strip()
    assert got == line, proc.stderr.read() if proc.stderr and not got else got


def _go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


@pytest.mark.postgres
@pytest.mark.slow
def test_a_listener_sees_another_process_events_once_in_order_across_a_reconnect(pg_store, postgres_url):
    """When another process adds contributions (retrying each) and this page's listener connection
    is cut half-way, does the page, woken by notices alone, read every event once, in order?"""
    count, half = 30, 15
    page = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Facilitator C")
    assert page.watch()
    page.fallback_seconds = NEVER
    listener = page.listener
    assert listener is not None
    proc = _writer(postgres_url, "Member B", count, half)
    try:
        _expect(proc, "ready")
        _go(proc)
        _expect(proc, "paused")
        read = _see(page, half)
        assert len(page.record.contributions) == half
        cut = listener.backend_pid
        with _raw(postgres_url) as admin:
            assert admin.execute("SELECT pg_terminate_backend(%s)", (cut,)).fetchone() == (True,)
        _go(proc)  # the writer carries on while the listener is down or reconnecting
        read += _see(page, count)
        out, err = proc.communicate(timeout=PATIENCE)
        assert proc.returncode == 0, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        page.close()
    result = json.loads(out.strip().splitlines()[-1])
    assert listener.connects >= 2, "the listener did not reconnect"
    assert page.notices > 0, "the page was never woken by a notice"
    assert read == list(range(1, count + 1)), "an event was missed, read twice or out of order"
    assert [c.id for c in page.record.contributions] == result["wrote"] == result["seen"]
    assert page.last_seq == count


@pytest.mark.postgres
def test_a_notice_names_the_session_and_its_seq_but_never_the_words(pg_store, postgres_url):
    """Does the notice sent for a contribution carry the case, date and seq only, not its text?"""
    words = "The grandmother's prayers at dawn steady the household"
    with _listening_raw(postgres_url) as raw:
        page = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member B")
        page.contribute("question", words)
        note = next(raw.notifies(timeout=PATIENCE, stop_after=1))
    assert json.loads(note.payload) == {"case_id": CASE_ID, "session_date": "2026-03-02", "seq": 1}
    assert "grandmother" not in note.payload


@pytest.mark.postgres
def test_no_notice_is_sent_for_an_event_whose_transaction_fails(pg_store, postgres_url, monkeypatch):
    """If the insert's transaction fails after queuing its notice, is the notice dropped with it, so
    the first notice anyone receives is for an event that is really stored?"""
    page = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member B")
    real = sessions_module.notify

    def notify_then_fail(conn, *args):
        real(conn, *args)
        raise StoreError("the connection dropped before commit")

    with _listening_raw(postgres_url) as raw:
        monkeypatch.setattr(sessions_module, "notify", notify_then_fail)
        with pytest.raises(StoreError):
            page.contribute("question", "Who else does the client turn to?")
        monkeypatch.setattr(sessions_module, "notify", real)
        stored = page.contribute("question", "What does the choir give her?")
        note = next(raw.notifies(timeout=PATIENCE, stop_after=1))
    assert json.loads(note.payload)["seq"] == 1
    assert [c.id for c in page.record.contributions] == [stored.id]


@pytest.mark.postgres
def test_a_lost_notice_is_made_up_for_by_the_slow_safety_net_read(pg_store, monkeypatch):
    """If an event's notice never arrives, does a listening page still read it at its fallback read?"""
    with LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member D") as reader:
        assert reader.watch()
        reader.fallback_seconds = 0.05
        monkeypatch.setattr(sessions_module, "notify", lambda *args: None)
        writer = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member B")
        stored = writer.contribute("question", "Which of her names does she use at home?")
        read = _see(reader, 1)
        assert reader.notices == 0
    assert read == [1]
    assert [c.id for c in reader.record.contributions] == [stored.id]


@pytest.mark.postgres
def test_closing_a_session_ends_its_listener_thread_and_connection(pg_store, postgres_url):
    """After close(), is the listener's thread gone and its server connection closed?"""
    page = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member B")
    assert page.watch()
    listener = page.listener
    assert listener is not None and listener.listening
    pid = listener.backend_pid
    page.close()
    page.close()  # twice is harmless
    assert listener.closed
    assert not listener.thread.is_alive()
    assert listener not in [t for t in threading.enumerate() if t.name == "casekit-session-listener"]
    assert page.listener is None
    with _raw(postgres_url) as admin:
        # The server process ends just after the socket closes.
        wait_until(
            lambda: (
                admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
                == (0,)
            ),
            timeout=PATIENCE,
            what="the listener's server connection to close",
        )


def test_sqlite_sessions_start_no_listener_and_keep_polling(tmp_path):
    """On SQLite, does watch() say there is no push, start no thread, and still find new events?"""
    before = threading.active_count()
    with CaseStore.open(f"sqlite:///{tmp_path / 'cases.db'}") as store:
        store.create(session_case(), author="Presenter A")
        with (
            LiveSession(store, CASE_ID, SESSION_DATE, alias="Member B") as writer,
            LiveSession(store, CASE_ID, SESSION_DATE, alias="Member D") as reader,
        ):
            assert not reader.watch()
            assert not reader.pushed
            assert threading.active_count() == before
            stored = writer.contribute("question", "What would her sister say?")
            reader.poll_seconds = 0.01
            assert [e.event_uuid for e in reader.wait(PATIENCE)] == [stored.id]


class _WakeableLoop(LoopScheduler):
    """The kernel's loop, with a future that resolves once the view shows ``words`` after a wake."""

    def __init__(self, loop: asyncio.AbstractEventLoop, words: str) -> None:
        super().__init__(loop)
        self.words = words
        self.view: MemberView | None = None
        self.shown: asyncio.Future[bool] = loop.create_future()

    def call_soon_threadsafe(self, callback) -> None:
        def run() -> None:
            callback()
            if self.view is not None and self.words in self.view.feed.value and not self.shown.done():
                self.shown.set_result(True)

        self.loop.call_soon_threadsafe(run)


@pytest.mark.postgres
def test_a_view_shows_a_contribution_when_notified_without_polling(pg_store):
    """With ticks and the safety-net read an hour apart, does a member's view still show another
    member's contribution, woken on the kernel's loop by the listener's notice?"""
    words = "How does the family speak of the move from the coast?"
    loop = asyncio.new_event_loop()
    try:
        sched = _WakeableLoop(loop, words)
        view = MemberView(
            LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member B"),
            scheduler=sched,
            poll_seconds=NEVER,
            fallback_seconds=NEVER,
        )
        sched.view = view
        listener = view.session.listener
        assert listener is not None
        other = LiveSession(pg_store, CASE_ID, SESSION_DATE, alias="Member D")
        other.contribute("question", words)
        assert loop.run_until_complete(asyncio.wait_for(sched.shown, PATIENCE))
        assert words in view.feed.value
        view.close()
        assert listener.closed
    finally:
        loop.close()
