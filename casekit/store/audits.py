"""Self-assessment audits kept in the case store, with revisions, so a group shares them.

``casekit_audits`` holds every saved revision of every audit date, append-only (triggers refuse
UPDATE, DELETE and TRUNCATE; the table is made by migration ``0002``). The audit itself is stored as
its JSON text: this module does not know what an audit contains (:mod:`casekit.audit.history` does).

The conflict rule is the cases' rule: every save names the revision it started from (``based_on``,
0 for a date with no audit yet); if someone saved that date since, the save is refused with
:class:`~casekit.errors.AuditConflictError` and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from casekit.errors import AuditConflictError, StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from casekit.store.store import CaseStore

audit_metadata = MetaData()

audits_table = Table(
    "casekit_audits",
    audit_metadata,
    Column("audit_date", Date, primary_key=True),
    Column("revision", Integer, primary_key=True, autoincrement=False),
    Column("based_on", Integer, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("author", String(100), nullable=False),
    Column("note", Text, nullable=False),
    Column("content", Text, nullable=False),
)
# The append-only triggers are made by migration 0002 with the table (stores are built by migrations).

#: Longest author or note kept with an audit revision.
MAX_AUTHOR = 100


@dataclass(frozen=True)
class AuditRecord:
    """One stored revision of one audit date (``content`` is the audit's JSON text)."""

    day: dt.date
    revision: int
    based_on: int
    saved_at: dt.datetime
    author: str
    note: str
    content: str


class AuditLog:
    """The audits in an open :class:`~casekit.store.store.CaseStore` (which owns the connection)."""

    def __init__(self, store: CaseStore) -> None:
        self._store = store

    @property
    def label(self) -> str:
        """Where the store lives (for messages)."""
        return self._store.label

    def head(self, day: dt.date) -> int:
        """The newest revision of the audit of ``day`` (0 if none is stored)."""
        with self._store.transaction(f"reading the audit of {day}") as conn:
            return self._head(conn, day)

    def dates(self) -> list[dt.date]:
        """The dates with a stored audit, oldest first."""
        query = select(audits_table.c.audit_date).distinct().order_by(audits_table.c.audit_date)
        with self._store.transaction("listing the stored audits") as conn:
            return list(conn.scalars(query))

    def load(self, day: dt.date, revision: int | None = None) -> AuditRecord | None:
        """The newest revision of the audit of ``day`` (or the one asked for); None if there is none."""
        query = select(audits_table).where(audits_table.c.audit_date == day)
        if revision is None:
            query = query.order_by(audits_table.c.revision.desc()).limit(1)
        else:
            query = query.where(audits_table.c.revision == revision)
        with self._store.transaction(f"reading the audit of {day}") as conn:
            row = conn.execute(query).first()
        return _record(row) if row is not None else None

    def history(self, day: dt.date) -> list[AuditRecord]:
        """Every revision of the audit of ``day``, oldest first."""
        query = select(audits_table).where(audits_table.c.audit_date == day).order_by(audits_table.c.revision)
        with self._store.transaction(f"reading the audit of {day}") as conn:
            return [_record(row) for row in conn.execute(query)]

    def save(self, day: dt.date, content: str, *, based_on: int, author: str, note: str = "") -> AuditRecord:
        """Store a new revision of the audit of ``day``, on top of revision ``based_on``.

        Raises
        ------
        AuditConflictError
            If the newest stored revision is not ``based_on`` (someone saved since); nothing is written.
        StoreError
            If ``author`` or ``note`` is too long, or the database fails.
        """
        if not author.strip() or len(author) > MAX_AUTHOR:
            raise StoreError(f"author: give a name of 1 to {MAX_AUTHOR} characters for the audit revision")
        revision, now = based_on + 1, self._store.now()
        try:
            with self._store.transaction(f"saving the audit of {day}", write=True) as conn:
                head = self._head(conn, day)
                if head != based_on:
                    raise AuditConflictError(day.isoformat(), based_on, head)
                values = {
                    "audit_date": day,
                    "revision": revision,
                    "based_on": based_on,
                    "saved_at": now,
                    "author": author,
                    "note": note,
                    "content": content,
                }
                conn.execute(audits_table.insert().values(**values))
        except IntegrityError:  # a save on the same base landed first (PostgreSQL, no table lock)
            raise AuditConflictError(day.isoformat(), based_on, self.head(day)) from None
        return AuditRecord(day, revision, based_on, now, author, note, content)

    @staticmethod
    def _head(conn: Connection, day: dt.date) -> int:
        query = select(func.max(audits_table.c.revision)).where(audits_table.c.audit_date == day)
        return conn.scalar(query) or 0


def _record(row: object) -> AuditRecord:
    m = row._mapping  # type: ignore[attr-defined]
    saved = m["saved_at"]
    if saved.tzinfo is None:  # SQLite returns naive datetimes; the store writes UTC
        saved = saved.replace(tzinfo=dt.UTC)
    return AuditRecord(
        m["audit_date"], m["revision"], m["based_on"], saved, m["author"], m["note"], m["content"]
    )
