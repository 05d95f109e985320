"""Backups of a case store, and restoring one into a new, empty store.

SQLite stores are copied with SQLite's online backup API (:meth:`sqlite3.Connection.backup`), which
takes a consistent copy while others keep reading and saving. Copies are made owner-only (mode 0600)
and never overwrite a file. A PostgreSQL store is the server's to back up: :func:`postgres_commands`
gives the ``pg_dump`` and ``pg_restore`` lines to run, with the password left out of the URL.

Restoring never replaces a store that holds cases: it fills a new, empty one (a new workspace), so no
edit in a live store can be lost to an old copy.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from casekit.errors import StoreError
from casekit.store import migrations
from casekit.store.engine import BUSY_TIMEOUT, Target, parse_store_url, restrict_sqlite_files
from casekit.store.tables import cases_table


def default_backup_path(store_path: Path, now: dt.datetime) -> Path:
    """Where a backup of ``store_path`` goes by default: beside it, named by the time (UTC)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return store_path.with_name(f"{store_path.stem}-backup-{stamp}{store_path.suffix or '.db'}")


def _read_only(path: Path) -> str:
    """A SQLite URI that opens ``path`` read-only (any character in the path is escaped)."""
    return f"{path.resolve().as_uri()}?mode=ro"


def _new_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600; refuse if it exists."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of the backup file to write")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or choose another file")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise StoreError(f"{path}: already exists; choose a new file name for the backup") from None
    except PermissionError:
        raise StoreError(f"{path}: cannot write there; check the folder's permissions") from None
    os.close(fd)


def backup_sqlite(store_path: Path, destination: Path) -> Path:
    """Copy the SQLite store at ``store_path`` into the new file ``destination`` (mode 0600).

    Uses SQLite's online backup, so the store may be in use. The copy is checked before it is kept.

    Raises
    ------
    StoreError
        If the store cannot be read, ``destination`` exists or cannot be written, or the copy fails.
    """
    if not store_path.is_file():
        raise StoreError(f"{store_path}: there is no case store file to back up; check the workspace")
    _new_private_file(destination)
    try:
        _copy(store_path, destination)
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    finally:
        restrict_sqlite_files(store_path)  # reading may have made the store's -wal/-shm companions
    return destination


def _copy(source: Path, destination: Path) -> None:
    """Online-backup ``source`` into ``destination`` and check the copy is a whole database."""
    try:
        src = sqlite3.connect(_read_only(source), uri=True, timeout=BUSY_TIMEOUT)
        try:
            dst = sqlite3.connect(destination, timeout=BUSY_TIMEOUT)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                result = dst.execute("PRAGMA quick_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{source}: the copy to {destination} failed ({error}); check both files") from None
    if not result or result[0] != "ok":
        raise StoreError(f"{destination}: the copy did not check out; try again")


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds: its layout and how many cases."""

    layout: migrations.Layout
    cases: int


def inspect_backup(path: Path) -> BackupFacts:
    """Read (without changing) what the SQLite backup at ``path`` holds.

    Raises
    ------
    StoreError
        If ``path`` is missing or not a casekit store.
    StoreTooNewError
        If it was written by a newer casekit.
    """
    if not path.is_file():
        raise StoreError(f"{path}: no such backup file; check the path")
    engine = create_engine(URL.create("sqlite+pysqlite", database=_read_only(path), query={"uri": "true"}))
    try:
        with engine.connect() as conn:
            state = migrations.layout(conn)
            if state.is_new:
                raise StoreError(f"{path}: not a casekit store backup; choose the file `store backup` wrote")
            if state.unknown:
                migrations.check(state, str(path))
            cases = conn.scalar(select(func.count()).select_from(cases_table)) or 0
    except DBAPIError:
        raise StoreError(f"{path}: not a casekit store backup (not a database); check the file") from None
    finally:
        engine.dispose()
    return BackupFacts(layout=state, cases=cases)


def restore_sqlite(backup: Path, target: Target) -> BackupFacts:
    """Fill the empty SQLite store of ``target`` with the backup at ``backup``.

    Raises
    ------
    StoreError
        If the backup is not a casekit store, or the target already holds cases.
    StoreTooNewError
        If the backup was written by a newer casekit.
    """
    assert target.sqlite_path is not None  # the caller checks target.is_sqlite
    facts = inspect_backup(backup)
    with migrations.locked(target, "checking the store is empty") as conn:
        state = migrations.layout(conn)
        held = 0 if state.is_new else conn.scalar(select(func.count()).select_from(cases_table)) or 0
    if held:
        raise StoreError(
            f"{target.label}: already holds {held} cases, and a restore never replaces cases; restore "
            f"into a new workspace (`casekit init NEW`, then `casekit -w NEW store restore FILE`)"
        )
    target.engine.dispose()
    try:
        src = sqlite3.connect(_read_only(backup), uri=True, timeout=BUSY_TIMEOUT)
        try:
            dst = sqlite3.connect(target.sqlite_path, timeout=BUSY_TIMEOUT)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{target.label}: the restore from {backup} failed ({error}); nothing was kept"
        ) from None
    return facts


@dataclass(frozen=True)
class PostgresCommands:
    """Shell lines to back up and restore a PostgreSQL store (no password in them)."""

    dump: str
    restore: str


def postgres_commands(url: str, dump_file: Path) -> PostgresCommands:
    """The ``pg_dump`` and ``pg_restore`` lines for the store at ``url``, without its password.

    pg_dump asks for the password, or reads it from ``PGPASSWORD`` or ``~/.pgpass``.
    """
    given = parse_store_url(url)
    shown = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
        query=given.query,
    ).render_as_string(hide_password=False)
    quoted = shlex.quote(str(dump_file))
    return PostgresCommands(
        dump=f"pg_dump --format=custom --file {quoted} {shlex.quote(shown)}",
        restore=(
            f"pg_restore --no-owner --dbname {shlex.quote(shown.rsplit('/', 1)[0] + '/NEW_DATABASE')} "
            f"{quoted}"
        ),
    )
