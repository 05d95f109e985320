"""Push for live sessions on PostgreSQL: a NOTIFY when an event commits, a listener that wakes readers.

A notice says only *which* session moved and to which ``seq``: ``{"case_id", "session_date",
"seq"}``, never the event's text. It is queued with ``pg_notify`` inside the transaction that inserts
the event, and PostgreSQL delivers it only if that transaction commits, so nobody is woken for an
event they cannot read yet.

A notice is a hint, not the data. A reader woken by one reads the log "after the last ``seq`` I
have" (:meth:`casekit.store.session_events.SessionEventLog.events`, the one way to read events), so a
lost or doubled notice costs nothing: the log's gap-free order means nothing is missed and nothing
read twice. After every (re)connection the listener wakes its reader once without a notice, so
events committed while it was not listening are read as well.

:class:`SessionListener` holds one dedicated connection (not from the store's pool) on one daemon
thread, per live session. Its callback runs on that thread: it should only set a flag or hand the
wake-up to the reader's own thread (an asyncio loop's ``call_soon_threadsafe``), never read the store
itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import select
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

#: First and longest wait (seconds) before reconnecting a listener whose connection was lost.
RETRY_FIRST, RETRY_MAX = 0.1, 5.0
#: TCP keepalive of the listener's socket: idle seconds, seconds between probes, probes before giving up
#: (an idle listener whose server vanished without a word is noticed within about a minute).
KEEPALIVE = (30, 10, 3)


@dataclass(frozen=True)
class Notice:
    """One session event has committed: which session, and its ``seq`` (no text, ever)."""

    case_id: str
    session_date: dt.date
    seq: int


def channel(case_id: str, session_date: dt.date) -> str:
    """The NOTIFY channel of one session (a hash, so the channel name holds no case details)."""
    digest = hashlib.blake2b(f"casekit session\x00{case_id}\x00{session_date}".encode(), digest_size=8)
    return f"casekit_session_{digest.hexdigest()}"


def notify(conn: Connection, case_id: str, session_date: dt.date, seq: int) -> None:
    """Queue a notice in the transaction of ``conn`` (PostgreSQL sends it only when that commits)."""
    payload = json.dumps({"case_id": case_id, "session_date": session_date.isoformat(), "seq": seq})
    conn.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": channel(case_id, session_date), "payload": payload},
    )


def parse_notice(payload: str) -> Notice | None:
    """The notice in a NOTIFY payload, or None if it is not one of ours."""
    try:
        data = json.loads(payload)
        return Notice(str(data["case_id"]), dt.date.fromisoformat(data["session_date"]), int(data["seq"]))
    except (ValueError, KeyError, TypeError):
        return None


class SessionListener:
    """A dedicated connection LISTENing for one session's notices, on its own daemon thread.

    Parameters
    ----------
    connect
        Opens a new psycopg 3 connection to the store's database (the listener owns and closes it).
    case_id, session_date
        The session to listen to.
    on_notice
        Called on the listener's thread with each :class:`Notice`, and with ``None`` after every
        (re)connection ("read whatever you have not read yet"). Keep it quick; exceptions are ignored.

    Notes
    -----
    :meth:`close` wakes the thread through a socket pair, so it stops at once (no timeout to wait
    out), and closes the connection. A lost connection is reopened with a growing pause
    (:data:`RETRY_FIRST` to :data:`RETRY_MAX` seconds); a silent one is found by TCP keepalive
    (:data:`KEEPALIVE`). Readers keep a slow poll as a safety net.
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        case_id: str,
        session_date: dt.date,
        on_notice: Callable[[Notice | None], None],
    ) -> None:
        self._connect = connect
        self.case_id = case_id
        self.session_date = session_date
        self.channel = channel(case_id, session_date)
        self._on_notice = on_notice
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._wake_r, self._wake_w = socket.socketpair()
        self._conn: Any = None
        #: How many times the listener has connected and started listening.
        self.connects = 0
        #: The server process of the current connection (None while disconnected).
        self.backend_pid: int | None = None
        self.thread = threading.Thread(target=self._run, name="casekit-session-listener", daemon=True)

    def __repr__(self) -> str:
        return f"SessionListener({self.case_id!r}, {self.session_date.isoformat()!r})"

    def start(self, timeout: float = 10.0) -> bool:
        """Start listening; return whether LISTEN is in effect within ``timeout`` seconds."""
        self.thread.start()
        return self._listening.wait(timeout)

    @property
    def listening(self) -> bool:
        """Whether the listener is connected and listening now."""
        return self._listening.is_set()

    def wait_listening(self, timeout: float) -> bool:
        """Wait until the listener is connected and listening (after a reconnect, say)."""
        return self._listening.wait(timeout)

    def close(self) -> None:
        """Stop the thread and close the connection (safe to call more than once)."""
        self._stop.set()
        with contextlib.suppress(OSError):  # already closed
            self._wake_w.send(b"x")
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join()
        for sock in (self._wake_r, self._wake_w):
            sock.close()

    @property
    def closed(self) -> bool:
        """Whether the thread has ended and the connection is closed."""
        return not self.thread.is_alive() and (self._conn is None or self._conn.closed)

    # ---- the listener's thread ----------------------------------------------------------------------
    def _run(self) -> None:
        pause = RETRY_FIRST
        while not self._stop.is_set():
            try:
                self._conn = self._connect()
                self._listen(self._conn)
                pause = RETRY_FIRST
                self._serve(self._conn)
            except Exception:  # noqa: BLE001, S110 - the connection failed: reconnect after a pause
                pass
            finally:
                self._listening.clear()
                self.backend_pid = None
                if self._conn is not None:
                    self._conn.close()
            if self._stop.is_set() or self._pause(pause):
                break
            pause = min(pause * 2, RETRY_MAX)

    def _listen(self, conn: Any) -> None:
        from psycopg import sql

        conn.autocommit = True
        _keepalive(conn.fileno())
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        self.backend_pid = conn.info.backend_pid
        self.connects += 1
        self._listening.set()
        self._deliver(None)  # anything committed before LISTEN took effect is read now

    def _serve(self, conn: Any) -> None:
        """Deliver notices until told to stop (returns) or the connection fails (raises)."""
        while not self._stop.is_set():
            ready, _, _ = select.select([conn.fileno(), self._wake_r], [], [])
            if self._wake_r in ready:
                return
            for note in conn.notifies(timeout=0):
                if note.channel == self.channel:
                    self._deliver(parse_notice(note.payload))

    def _pause(self, seconds: float) -> bool:
        """Wait before reconnecting; True if :meth:`close` was called meanwhile."""
        ready, _, _ = select.select([self._wake_r], [], [], seconds)
        return bool(ready) or self._stop.is_set()

    def _deliver(self, notice: Notice | None) -> None:
        with contextlib.suppress(Exception):  # a reader's callback must not kill the listener
            self._on_notice(notice)


def _keepalive(fd: int) -> None:
    """Turn on TCP keepalive probes for a connection's socket (a no-op for a Unix socket)."""
    options = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]
    for name, value in zip(("TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT"), KEEPALIVE, strict=True):
        if hasattr(socket, name):
            options.append((socket.IPPROTO_TCP, getattr(socket, name), value))
    sock = socket.socket(fileno=os.dup(fd))
    try:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            for level, option, value in options:
                sock.setsockopt(level, option, value)
    finally:
        sock.close()
