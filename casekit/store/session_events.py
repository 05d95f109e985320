"""Live consultation sessions in the case store: an append-only log of session events.

Everything that happens in a session — the set-up, each stage change, each contribution, each action
item — is one row of ``casekit_session_events``, in the same database as the cases (so a group on
JupyterHub shares one PostgreSQL store, and a member working alone uses the workspace's SQLite file).
Rows are never changed or deleted (triggers refuse it); the session's state is the fold of its events
(:mod:`casekit.session.log`).

Two guarantees make reading "the events after ``seq`` N" safe and retries harmless:

* **Gap-free order.** Each event gets a per-session sequence number ``seq`` (1, 2, 3, ...) assigned
  inside the inserting transaction while it holds the session's write lock (PostgreSQL: a
  transaction-level advisory lock on the session; SQLite: the database write lock taken by ``BEGIN
  IMMEDIATE``). Events therefore become visible in ``seq`` order, and a reader that has seen everything
  up to ``seq = N`` can ask for "events after N" without ever missing one that commits later. (A plain
  autoincrement id does not give this on PostgreSQL: ids are handed out before commit, so id 7 can
  become visible after id 8.) ``UNIQUE (case_id, session_date, seq)`` backs the lock.
* **Idempotent inserts.** Every event carries a client-generated ``event_uuid`` (unique). Appending
  an event whose uuid is already stored returns the stored event and writes nothing, so a client
  that lost its answer can simply send the same event again.

On PostgreSQL each insert also queues a notice (:mod:`casekit.store.notify`) in the same transaction,
so live readers are woken when an event commits instead of polling; :meth:`SessionEventLog.listen`
starts a listener. Readers still read through :meth:`SessionEventLog.events` only.

This module stores opaque JSON payloads; it knows nothing of stages or lenses. In a people-access
store each payload and author alias is sealed with the session's own key, wrapped for the people
present (:mod:`casekit.access.session_keys`); an event the reader cannot open comes back ``locked``
with an empty payload. Events stored readable (before sealing, or in a shared-key store) read as ever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    DDL,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from casekit.actor import current_person
from casekit.errors import CaseNotFoundError, SessionError, StoreError
from casekit.model.ids import check_alias, check_case_id
from casekit.store.notify import Notice, SessionListener, notify
from casekit.store.store import _PG_INIT_LOCK, CaseStore, _as_utc
from casekit.store.tables import cases_table

if TYPE_CHECKING:
    from casekit.access.session_keys import SessionSeal

#: Largest payload of one event (bytes of JSON). A contribution is a few hundred.
MAX_PAYLOAD_BYTES = 64_000
#: How many times an append retries after losing a race it could not have prevented.
_RETRIES = 8
_KIND = re.compile(r"^[a-z][a-z_]{0,31}$")
_UUID = re.compile(r"^[0-9a-f]{32}$")
_MESSAGE = "casekit session events are append-only; add a new event instead"

session_metadata = MetaData()

session_events_table = Table(
    "casekit_session_events",
    session_metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("event_uuid", String(32), nullable=False, unique=True),
    Column("case_id", String(64), ForeignKey(cases_table.c.case_id), nullable=False),
    Column("session_date", Date, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("payload", Text, nullable=False),
    Column("person", String(64), nullable=True),  # current_person(); empty in events stored before
    UniqueConstraint("case_id", "session_date", "seq", name="casekit_session_events_order"),
)

for _verb in ("UPDATE", "DELETE"):
    event.listen(
        session_events_table,
        "after_create",
        DDL(
            f"CREATE TRIGGER casekit_session_events_no_{_verb.lower()} BEFORE {_verb} ON "
            f"casekit_session_events BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
        ).execute_if(dialect="sqlite"),
    )
event.listen(
    session_events_table,
    "after_create",
    DDL(
        "CREATE OR REPLACE FUNCTION casekit_session_events_append_only() RETURNS trigger LANGUAGE plpgsql "
        f"AS $body$ BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $body$"
    ).execute_if(dialect="postgresql"),
)
event.listen(
    session_events_table,
    "after_create",
    DDL(
        "CREATE TRIGGER casekit_session_events_no_change BEFORE UPDATE OR DELETE ON casekit_session_events "
        "FOR EACH ROW EXECUTE FUNCTION casekit_session_events_append_only()"
    ).execute_if(dialect="postgresql"),
)
event.listen(
    session_events_table,
    "after_create",
    DDL(
        "CREATE TRIGGER casekit_session_events_no_truncate BEFORE TRUNCATE ON casekit_session_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION casekit_session_events_append_only()"
    ).execute_if(dialect="postgresql"),
)


@dataclass(frozen=True)
class SessionEvent:
    """One stored session event.

    Attributes
    ----------
    seq
        Its place in the session (1, 2, 3, ... with no gaps).
    event_uuid
        The id the client gave it.
    case_id, session_date
        The session it belongs to.
    kind
        What happened (``contribution``, ``stage``, ...); the session layer gives it meaning.
    author
        The alias of whoever caused it.
    created
        When the store received it (UTC).
    payload
        The event's data (JSON object).
    person
        Who sent it (:func:`casekit.actor.current_person`, never typed); None for older events.
    locked
        Empty when the reader could open it; otherwise why not (people access: ``"session"``, sealed
        with a session key the reader does not hold; ``"addressed"``, sealed to other people). A
        locked event has an empty ``author`` and ``payload``; its kind, place, person and time remain.
    """

    seq: int
    event_uuid: str
    case_id: str
    session_date: dt.date
    kind: str
    author: str
    created: dt.datetime
    payload: dict[str, Any]
    person: str | None = None
    locked: str = ""


def _lock_key(case_id: str, session_date: dt.date) -> int:
    """A signed 64-bit advisory-lock key for one session."""
    digest = hashlib.blake2b(f"casekit session\x00{case_id}\x00{session_date}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


class SessionEventLog:
    """The session events of one case store.

    Parameters
    ----------
    store
        An open :class:`~casekit.store.CaseStore`; the events live in its database. The table is
        created on first use.
    """

    def __init__(self, store: CaseStore) -> None:
        self.store = store
        with store.transaction("preparing the session tables", write=True) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_INIT_LOCK})
            session_metadata.create_all(conn)
            self._engine = conn.engine
        self._seal: SessionSeal | None = None
        if store.access is not None:
            from casekit.access.session_keys import SessionSeal

            self._seal = SessionSeal(store.access.holder)
        #: Whether new events are pushed to listeners (PostgreSQL) rather than found by polling (SQLite).
        self.pushes = self._engine.dialect.name == "postgresql"

    def __repr__(self) -> str:
        return f"SessionEventLog({self.store.label!r})"

    # ---- writing ----------------------------------------------------------------------------------
    # Over 80 lines because the lock, the retry check, the numbering and the insert share one transaction.
    def append(
        self,
        case_id: str,
        session_date: dt.date,
        kind: str,
        payload: dict[str, Any],
        *,
        event_uuid: str,
        author: str,
    ) -> SessionEvent:
        """Store one event at the end of its session, or return it if ``event_uuid`` is already stored.

        Raises
        ------
        SessionError
            If the kind, uuid, author or payload is malformed, or ``event_uuid`` is already used by a
            different event.
        CaseNotFoundError
            If the case is not in the store.
        StoreError
            If the database cannot be written.
        """
        case_id, author = _check_ids(case_id, author)
        if not isinstance(kind, str) or not _KIND.match(kind):
            raise SessionError(f"kind: '{kind}' is not an event kind (lower-case letters and _)")
        if not isinstance(event_uuid, str) or not _UUID.match(event_uuid):
            raise SessionError("event_uuid: give 32 lower-case hex digits (uuid.uuid4().hex)")
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        if len(body.encode("utf-8")) > MAX_PAYLOAD_BYTES:
            raise SessionError(
                f"payload: a session event may hold at most {MAX_PAYLOAD_BYTES:,} bytes; shorten the text"
            )
        t = session_events_table
        person = current_person().username
        for _ in range(_RETRIES):
            try:
                with self.store.transaction(
                    f"recording a session event for case {case_id}", write=True
                ) as conn:
                    if conn.dialect.name == "postgresql":
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(case_id, session_date)}
                        )
                    row = conn.execute(select(t).where(t.c.event_uuid == event_uuid)).one_or_none()
                    if row is not None:
                        return _same_event(self._event(conn, row), case_id, session_date, kind, body)
                    if (
                        conn.scalar(select(cases_table.c.case_id).where(cases_table.c.case_id == case_id))
                        is None
                    ):
                        raise CaseNotFoundError(
                            f"case {case_id}: not in the case store; create the case before its session"
                        )
                    last = conn.scalar(
                        select(func.max(t.c.seq)).where(
                            t.c.case_id == case_id, t.c.session_date == session_date
                        )
                    )
                    seq = (last or 0) + 1
                    now = self.store.now()
                    stored, stored_author = body, author
                    if self._seal is not None:  # people access: sealed for the people present
                        stored = self._seal.seal(conn, case_id, session_date, seq, kind, author, body)
                        stored_author = ""
                    conn.execute(
                        insert(t).values(
                            event_uuid=event_uuid,
                            case_id=case_id,
                            session_date=session_date,
                            seq=seq,
                            kind=kind,
                            author=stored_author,
                            created_at=now,
                            payload=stored,
                            person=person,
                        )
                    )
                    if conn.dialect.name == "postgresql":
                        notify(conn, case_id, session_date, seq)  # sent only if this commits
            except IntegrityError:
                continue  # another writer stored this uuid (or this seq) first; look again
            return SessionEvent(
                seq, event_uuid, case_id, session_date, kind, author, now, json.loads(body), person
            )
        raise StoreError(
            f"case {case_id}: a session event could not be stored after {_RETRIES} tries (too many writers "
            f"at once); try again"
        )

    # ---- reading ----------------------------------------------------------------------------------
    def events(
        self, case_id: str, session_date: dt.date, *, after: int = 0, limit: int = 1000
    ) -> list[SessionEvent]:
        """The events of one session with ``seq > after``, oldest first (at most ``limit``)."""
        t = session_events_table
        query = (
            select(t)
            .where(t.c.case_id == case_id, t.c.session_date == session_date, t.c.seq > after)
            .order_by(t.c.seq)
            .limit(limit)
        )
        with self.store.transaction(f"reading the session of case {case_id}") as conn:
            rows = conn.execute(query).all()
            return [self._event(conn, row) for row in rows]

    def _event(self, conn: Connection, row: Any) -> SessionEvent:
        """A stored row as an event, opened with the reader's session key if it is sealed."""
        if self._seal is None or not _sealed(row.payload):
            return _event(row)
        date = _as_date(row.session_date)
        opened = self._seal.open(conn, row.case_id, date, row.seq, row.kind, row.payload)
        return replace(
            _event(row, payload={}), author=opened.author, payload=opened.payload, locked=opened.locked
        )

    # ---- people present (people access) ----------------------------------------------------------
    def holds_key(self, case_id: str, session_date: dt.date) -> bool:
        """Whether the reader holds the session's key (always true outside people access)."""
        if self._seal is None:
            return True
        with self.store.transaction(f"reading the session of case {case_id}") as conn:
            return self._seal.key(conn, case_id, session_date) is not None

    def admit(self, case_id: str, session_date: dt.date, usernames: list[str]) -> list[str]:
        """In people access, wrap the session's key for each of ``usernames`` (people present) who is
        registered and lacks it, if the reader holds it; return which of them now hold it."""
        if self._seal is None or not usernames:
            return []
        from casekit.access.session_keys import holders

        with self.store.transaction(f"reading the session of case {case_id}") as conn:
            have = set(holders(conn, case_id, session_date))
        if not set(usernames) <= have:
            try:
                with self.store.transaction(
                    f"letting people into the session of case {case_id}", write=True
                ) as conn:
                    have.update(self._seal.admit(conn, case_id, session_date, usernames))
            except IntegrityError:  # another page let someone in at the same moment; next time
                pass
        return [u for u in usernames if u in have]

    def listen(
        self, case_id: str, session_date: dt.date, on_notice: Callable[[Notice | None], None]
    ) -> SessionListener | None:
        """A started listener that calls ``on_notice`` when an event of the session commits.

        Returns None on SQLite (no push; poll :meth:`events`). The listener has its own connection,
        outside the store's pool; call its ``close()`` when done.
        """
        if not self.pushes:
            return None
        listener = SessionListener(self._listener_connection, case_id, session_date, on_notice)
        listener.start()
        return listener

    def _listener_connection(self) -> Any:
        """A new psycopg connection with the store's settings, detached from the pool."""
        pooled = self._engine.raw_connection()
        conn = pooled.driver_connection
        pooled.detach()  # the pool forgets it; the listener closes it
        conn.rollback()  # leave any transaction the pool's ping opened, before autocommit
        return conn

    def all_events(self, case_id: str, session_date: dt.date) -> list[SessionEvent]:
        """Every event of one session, oldest first."""
        out: list[SessionEvent] = []
        while True:
            batch = self.events(case_id, session_date, after=out[-1].seq if out else 0)
            if not batch:
                return out
            out.extend(batch)

    def sessions(self, case_id: str) -> list[dt.date]:
        """The dates of the case's sessions, oldest first."""
        t = session_events_table
        query = select(t.c.session_date).where(t.c.case_id == case_id).distinct().order_by(t.c.session_date)
        with self.store.transaction(f"listing the sessions of case {case_id}") as conn:
            return [_as_date(d) for d in conn.scalars(query).all()]


def _check_ids(case_id: str, author: str) -> tuple[str, str]:
    try:
        case_id = check_case_id(case_id)
    except ValueError as exc:
        raise SessionError(f"case_id: {exc}") from None
    try:
        author = check_alias(author)
    except (ValueError, AttributeError) as exc:
        raise SessionError(f"author: {exc}") from None
    return case_id, author


def _same_event(
    stored: SessionEvent, case_id: str, session_date: dt.date, kind: str, body: str
) -> SessionEvent:
    """A retry must repeat the stored event exactly; anything else is a reused uuid."""
    same = (
        stored.case_id == case_id
        and stored.session_date == session_date
        and stored.kind == kind
        and json.dumps(stored.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True) == body
    )
    if not same:
        raise SessionError(
            f"event_uuid {stored.event_uuid}: already used by another session event; make a new id for "
            f"a new entry"
        )
    return stored


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _sealed(stored: str) -> bool:
    from casekit.access.session_keys import is_sealed

    return is_sealed(stored)


def _event(row: Any, payload: dict[str, Any] | None = None) -> SessionEvent:
    try:
        payload = json.loads(row.payload) if payload is None else payload
    except json.JSONDecodeError:
        raise StoreError(
            f"case {row.case_id}: session event {row.seq} is damaged (not JSON); the rest of the session "
            f"is intact"
        ) from None
    return SessionEvent(
        seq=row.seq,
        event_uuid=row.event_uuid,
        case_id=row.case_id,
        session_date=_as_date(row.session_date),
        kind=row.kind,
        author=row.author,
        created=_as_utc(row.created_at),
        payload=payload,
        person=row.person,
    )
