"""The access log: an audit trail of who did what to which case, that no one can quietly edit.

Each entry says when (UTC), who (:func:`casekit.actor.current_person`, never typed), from which
server, what (one of :data:`ACTIONS`), to which case and revision, and a short detail that is never
client text (an export's format and its file's SHA-256, say). Rows live in ``casekit_access_log``,
in the same database as the cases; triggers refuse UPDATE, DELETE and TRUNCATE.

Each row also carries ``prev_hash`` (the hash of the row before; :data:`GENESIS` for the first) and
``hash``, the SHA-256 of the row's canonical encoding with ``prev_hash`` (:func:`entry_hash`). So an
entry changed, removed, inserted or moved, even by someone who can switch the triggers off, breaks
the chain at that entry, and :func:`verify` names it. (Removing the newest entries leaves a shorter
chain that still verifies: keep the head hash :func:`verify` reports somewhere else to catch that.)

One user action, one entry: inside :func:`one_action` (a restore, an edited copy saved back, an
export, a share), the case reads the action makes are not logged one by one; the action's own entry
("restored", "exported", ...) says the case was read, and a case only read gets one "decrypted" entry
when the action ends.

One chain, even with several servers writing at once: an append takes the log's lock first (on
PostgreSQL a transaction-level advisory lock; on SQLite the database write lock of ``BEGIN
IMMEDIATE``), reads the newest entry, and writes the next one in the same transaction; the primary
key on ``seq`` backs the lock. Entries for saves are written in the save's own transaction, so a
revision and its entry land together or not at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, text

from casekit.actor import Person, current_person
from casekit.errors import AccessLogBrokenError, StoreError
from casekit.store.tables import access_log_table

if TYPE_CHECKING:
    from casekit.store.store import CaseStore

#: What an entry can say happened. People access (:mod:`casekit.access.actions`) records the sharing,
#: granting and key actions; "opened" is a member reading a snapshot shared with them.
ACTIONS = frozenset(
    {
        "opened",  # a case was opened without its identifiers being read
        "decrypted",  # a case's private identifiers were decrypted
        "created",  # a new case was stored
        "changed",  # a new revision was saved
        "restored",  # an old revision was saved again as a new one
        "imported",  # a case file was imported as a case or a new revision
        "exported",  # a de-identified export was written
        "shared",  # a case's de-identified snapshot was shared with people
        "revoked",  # a share or a supervisor's key was taken back
        "granted",  # a case's key was wrapped for its supervisor
        "rotated",  # a case was sealed again under a new key
        "person-added",  # a person was registered for people access
        "person-removed",  # a person was removed from people access
        "key-registered",  # a person registered a personal key (pending until approved)
        "key-approved",  # the privacy lead approved a registered key, its fingerprint compared
        "key-refused",  # the privacy lead refused a registered key
        "rotation-needed",  # a removed person held the case's key; its owner must rotate it
        "log-exported",  # the access log itself was exported
    }
)
#: The ``prev_hash`` of the first entry.
GENESIS = "0" * 64
#: Marks the encoding hashed (changing it means a new marker, so old chains still verify).
_ENCODING = "casekit-access-log-1"
#: What a detail may hold: short tokens (formats, hashes, counts), never sentences of client text.
_DETAIL = re.compile(r"^[A-Za-z0-9_.:=,/+@-]{0,200}$")
#: PostgreSQL advisory-lock key that serialises appends ("ckalog").
_PG_LOCK = 0x636B_616C_6F67


@dataclass(frozen=True)
class LogEntry:
    """One entry of the access log (no client text).

    Attributes
    ----------
    seq
        Its place in the log: 1, 2, 3, ... with no gaps.
    at
        When it happened (UTC).
    person, server
        Who did it, and on which host.
    action
        One of :data:`ACTIONS`.
    case_id, revision
        The case and revision it concerns, if any.
    detail
        A short non-client text (an export's format and hash, a count).
    prev_hash, hash
        The previous entry's hash, and this entry's (:func:`entry_hash`).
    """

    seq: int
    at: dt.datetime
    person: str
    server: str
    action: str
    case_id: str | None
    revision: int | None
    detail: str
    prev_hash: str
    hash: str

    def as_row(self) -> dict[str, Any]:
        """The entry as plain values (``at`` as ISO 8601 UTC), for CSV and JSON."""
        row = asdict(self)
        row["at"] = _iso(self.at)
        return row


@dataclass(frozen=True)
class ChainCheck:
    """The result of a verification that passed: how many entries, and the newest one's hash."""

    entries: int
    head_hash: str


@dataclass
class _Action:
    """The case reads of one user action not yet logged, and the cases it logged an entry for."""

    reads: dict[str, tuple[CaseStore, int | None]] = field(default_factory=dict)
    logged: set[str] = field(default_factory=set)


_ACTION: ContextVar[_Action | None] = ContextVar("casekit_access_log_action", default=None)


# ---- the pure core ---------------------------------------------------------------------------------
def entry_hash(
    seq: int,
    at: dt.datetime,
    person: str,
    server: str,
    action: str,
    case_id: str | None,
    revision: int | None,
    detail: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of an entry's canonical encoding: a JSON array of its fields in a fixed order."""
    encoded = json.dumps(
        [_ENCODING, seq, _iso(at), person, server, action, case_id, revision, detail, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def first_break(entries: Iterable[LogEntry]) -> tuple[int, str] | None:
    """The first entry (by ``seq``) where the chain breaks, and why; None if it is whole.

    Entries must come in ``seq`` order. An entry is bad if its number is not the next one (an entry
    before it was removed), if it does not point at the previous entry's hash (inserted or moved),
    or if its own hash does not match its contents (changed).
    """
    expected_seq, previous = 1, GENESIS
    for e in entries:
        if e.seq != expected_seq:
            return expected_seq, "it is missing (removed)"
        if e.prev_hash != previous:
            return e.seq, "it does not follow the entry before it (inserted or moved)"
        fields = (e.seq, e.at, e.person, e.server, e.action, e.case_id, e.revision, e.detail, e.prev_hash)
        if entry_hash(*fields) != e.hash:
            return e.seq, "its contents do not match its hash (changed)"
        expected_seq, previous = e.seq + 1, e.hash
    return None


def to_csv(entries: Iterable[LogEntry]) -> str:
    """The entries as CSV with a header row (the columns of :class:`LogEntry`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(LogEntry.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    for e in entries:
        writer.writerow(e.as_row())
    return out.getvalue()


def to_json(entries: Iterable[LogEntry]) -> str:
    """The entries as a JSON array of objects (the columns of :class:`LogEntry`)."""
    return json.dumps([e.as_row() for e in entries], ensure_ascii=False, indent=2) + "\n"


# ---- writing ----------------------------------------------------------------------------------------
def append(
    conn: Connection,
    action: str,
    *,
    at: dt.datetime,
    case_id: str | None = None,
    revision: int | None = None,
    detail: str = "",
    person: Person | None = None,
) -> LogEntry:
    """Add an entry inside the caller's write transaction (it lands only if that commits).

    Call it last in the transaction: it holds the log's lock until the commit.

    Parameters
    ----------
    person
        Who acts (default :func:`~casekit.actor.current_person`); never a typed alias.

    Raises
    ------
    StoreError
        If ``action`` is not one of :data:`ACTIONS` or ``detail`` is not a short plain token.
    """
    if action not in ACTIONS:
        raise StoreError(f"access log: '{action}' is not an action it records; use one of {sorted(ACTIONS)}")
    if not isinstance(detail, str) or not _DETAIL.match(detail):
        raise StoreError(
            "access log: a detail is at most 200 characters of codes without spaces (a format, a hash)"
        )
    who = person or current_person()
    at = _as_utc(at)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
    t = access_log_table
    last = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).one_or_none()
    seq, prev = (last.seq + 1, last.hash) if last is not None else (1, GENESIS)
    digest = entry_hash(seq, at, who.username, who.server, action, case_id, revision, detail, prev)
    entry = LogEntry(seq, at, who.username, who.server, action, case_id, revision, detail, prev, digest)
    conn.execute(insert(t).values(**{**asdict(entry), "at": at}))
    action = _ACTION.get()
    if action is not None and case_id is not None:
        action.logged.add(case_id)
    return entry


def record(
    store: CaseStore,
    action: str,
    *,
    case_id: str | None = None,
    revision: int | None = None,
    detail: str = "",
) -> LogEntry:
    """Add an entry in a transaction of its own (for events that write nothing else: a read, an export).

    Raises
    ------
    StoreError
        If the entry cannot be written (see :func:`append`).
    """
    with store.transaction("writing the access log", write=True) as conn:
        return append(
            conn,
            action,
            at=store.now(),
            case_id=case_id,
            revision=revision,
            detail=detail,
            person=store.person,
        )


def record_read(store: CaseStore, case_id: str, revision: int | None) -> None:
    """Record that a case was decrypted: now, or once at the end of the user action it is part of."""
    action = _ACTION.get()
    if action is None:
        record(store, "decrypted", case_id=case_id, revision=revision)
    else:
        action.reads.setdefault(case_id, (store, revision))


@contextmanager
def one_action() -> Iterator[None]:
    """One user action (a restore, an export, a share): it leaves one entry per case, not one per read.

    A case the action logged an entry for (restored, exported, shared...) gets no "decrypted" entry
    besides; a case it only read gets one, for the first revision read, when the action ends. An
    action that fails logs every read it made (its own entry may not have landed). Nested actions
    are one action. Usable as a decorator.
    """
    if _ACTION.get() is not None:
        yield
        return
    action = _Action()
    token = _ACTION.set(action)
    failed = True
    try:
        yield
        failed = False
    finally:
        _ACTION.reset(token)
        for case_id, (store, revision) in action.reads.items():
            if failed or case_id not in action.logged:
                record(store, "decrypted", case_id=case_id, revision=revision)


# ---- reading ----------------------------------------------------------------------------------------
def entries(
    store: CaseStore,
    *,
    case_id: str | None = None,
    person: str | None = None,
    since: dt.datetime | None = None,
) -> list[LogEntry]:
    """The entries, oldest first; only those of ``case_id``, by ``person``, at or after ``since``."""
    t = access_log_table
    query = select(t).order_by(t.c.seq)
    if case_id is not None:
        query = query.where(t.c.case_id == case_id)
    if person is not None:
        query = query.where(t.c.person == person)
    if since is not None:
        query = query.where(t.c.at >= _as_utc(since))
    with store.transaction("reading the access log") as conn:
        return [_entry(row) for row in conn.execute(query)]


def verify(store: CaseStore, *, batch: int = 5000) -> ChainCheck:
    """Recompute the whole chain; return its length and head hash if it is whole.

    Raises
    ------
    AccessLogBrokenError
        Naming the first entry (by sequence number) that was changed, removed, inserted or moved.
    """
    count, head = 0, GENESIS

    def walk() -> Iterator[LogEntry]:
        nonlocal count, head
        t = access_log_table
        after = 0
        while True:
            with store.transaction("reading the access log") as conn:
                rows = conn.execute(select(t).where(t.c.seq > after).order_by(t.c.seq).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                entry = _entry(row)
                yield entry
                count, head = count + 1, entry.hash
            after = rows[-1].seq

    broken = first_break(walk())
    if broken is not None:
        seq, why = broken
        raise AccessLogBrokenError(
            f"{store.label}: the access log is broken at entry {seq}: {why}; keep the store as it is and "
            f"tell the privacy lead (a backup from before shows what was there)",
            seq=seq,
        )
    return ChainCheck(count, head)


def rotations_needed(conn: Connection, held: dict[str, int]) -> dict[str, list[str]]:
    """Of the cases in ``held`` (case id -> current key version), those with a "rotation-needed"
    entry written at their current key version or later: case id -> the people removed."""
    if not held:
        return {}
    t = access_log_table
    rows = conn.execute(
        select(t.c.case_id, t.c.detail)
        .where(t.c.action == "rotation-needed", t.c.case_id.in_(list(held)))
        .order_by(t.c.seq)
    ).all()
    out: dict[str, list[str]] = {}
    for row in rows:
        fields = dict(part.split("=", 1) for part in row.detail.split(",") if "=" in part)
        version = fields.get("key-version", "")
        if version.isdigit() and held[row.case_id] <= int(version):
            out.setdefault(row.case_id, []).append(fields.get("person", ""))
    return dict(sorted(out.items()))


def _entry(row: Any) -> LogEntry:
    return LogEntry(
        seq=row.seq,
        at=_as_utc(row.at),
        person=row.person,
        server=row.server,
        action=row.action,
        case_id=row.case_id,
        revision=row.revision,
        detail=row.detail,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without a zone; every entry is in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _iso(value: dt.datetime) -> str:
    return _as_utc(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record_export(store: CaseStore, receipt: dict[str, Any]) -> LogEntry:
    """Record that an export was written, from its receipt: the case, the format and the file's SHA-256.

    Parameters
    ----------
    receipt
        The export's receipt (:func:`casekit.export.receipt.build`): kinds, counts and a hash only.
    """
    case_id = receipt.get("case")
    fmt = str(receipt.get("format", ""))
    detail = f"{fmt},sha256={receipt.get('sha256', '')}"
    return record(store, "exported", case_id=case_id if isinstance(case_id, str) else None, detail=detail)
