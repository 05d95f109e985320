"""From a store URL to a SQLAlchemy engine: SQLite files (WAL, mode 0600) or PostgreSQL (psycopg 3).

Messages name the file or the server without its password, and say what to do.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from casekit.errors import ConfigError, StoreError

_SQLITE = {"sqlite", "sqlite+pysqlite"}
_POSTGRES = {"postgresql", "postgres", "postgresql+psycopg"}
URL_HELP = "use sqlite:///PATH for a file, or postgresql://USER@HOST/DATABASE for a shared server"
#: Seconds a writer waits for another writer before giving up (SQLite busy timeout).
BUSY_TIMEOUT = 30
#: Quoted values and key details in a database message: (case_id)=(…), "…", '…'.
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|=\([^)]*\)")
#: Seconds to wait for a PostgreSQL server to answer.
CONNECT_TIMEOUT = 10


@dataclass
class Target:
    """Where a store lives: an engine, and for SQLite the file (and whether we just created it)."""

    engine: Engine
    label: str
    sqlite_path: Path | None = None
    created_file: bool = False
    password: str | None = None

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is a SQLite file."""
        return self.sqlite_path is not None


def parse_store_url(text: str) -> URL:
    """Parse a store URL, mapping ``postgresql://`` to psycopg 3; a bare path means a SQLite file.

    Raises
    ------
    ConfigError
        If the URL cannot be parsed or its scheme is not one casekit supports.
    """
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"the store URL is empty; {URL_HELP}")
    text = text.strip()
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    scheme = text.split("://", 1)[0]
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):  # urllib's ValueError for e.g. an unclosed [IPv6 host
        raise ConfigError(f"the store URL (scheme '{scheme}') cannot be parsed; {URL_HELP}") from None
    if url.drivername in _SQLITE:
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise ConfigError(f"a sqlite store URL needs a file path; {URL_HELP}")
        return url.set(drivername="sqlite+pysqlite", database=str(Path(url.database).expanduser()))
    if url.drivername in _POSTGRES:
        return url.set(drivername="postgresql+psycopg")
    raise ConfigError(f"the store URL scheme '{url.drivername}' is not supported; {URL_HELP}")


def connect(text: str, *, create: bool = True) -> Target:
    """Build the engine for a store URL (SQLite: check the file, and create it (mode 0600) if asked).

    With ``create`` false, a SQLite file that is missing or empty is refused: a mistyped path must not
    quietly become a new, empty store.

    Raises
    ------
    ConfigError
        For an unsupported or malformed URL.
    StoreError
        If a SQLite file or its folder is missing, not writable or not a file.
    """
    url = parse_store_url(text)
    if url.drivername.startswith("sqlite"):
        return _sqlite(Path(url.database or ""), create=create)
    return _postgres(url)


def _sqlite(path: Path, *, create: bool) -> Target:
    created = _prepare_sqlite_file(path, create=create)
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by hand below (BEGIN IMMEDIATE for writes), not by pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")  # a committed revision survives power loss
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA secure_delete=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write takes the write lock first, so two writers queue instead of failing mid-way.
        mode = "IMMEDIATE" if conn.get_execution_options().get("casekit_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return Target(engine=engine, label=str(path), sqlite_path=path, created_file=created)


def _prepare_sqlite_file(path: Path, *, create: bool) -> bool:
    """Check a SQLite store file can be used; create it (mode 0600) if missing and asked. True if created."""
    parent = path.parent
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the path of the case store file (e.g. cases.db)")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"{path}: the case store file is not writable; check its permissions")
        if path.stat().st_size == 0:
            raise StoreError(
                f"{path}: the case store file is empty, so it holds no cases; check the path, or restore "
                f"the file from your backup"
            )
        return False
    if not create:
        raise StoreError(
            f"{path}: there is no case store here; check the path (--db, CASEKIT_DB_URL or casekit.toml), "
            f"or run `casekit init` to start a new workspace"
        )
    if not parent.is_dir():
        raise StoreError(f"{path}: folder {parent} does not exist; create it or choose another store file")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except PermissionError:
        raise StoreError(
            f"{path}: cannot create the case store file (folder not writable); check its permissions"
        ) from None
    os.close(fd)
    return True


def restrict_sqlite_files(path: Path) -> None:
    """Make the store file and its -wal/-shm companions readable by the owner only."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode != 0o600:
            candidate.chmod(0o600)


def _postgres(url: URL) -> Target:
    query = dict(url.query)
    args: dict[str, Any] = {}
    if "connect_timeout" not in query:
        args["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in query:
        args["application_name"] = "casekit"
    engine = create_engine(url, connect_args=args, hide_parameters=True, pool_pre_ping=True)
    label = url.render_as_string(hide_password=True)
    return Target(engine=engine, label=label, password=url.password and str(url.password))


def describe_failure(target: Target, error: DBAPIError, action: str) -> str:
    """One line for a database failure: what failed, where (no password), and what to do."""
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    # A database may quote the value it choked on; that value can be case text, so it is never shown.
    reason = _QUOTED.sub("…", reason)
    if target.password:
        reason = reason.replace(target.password, "***")
    if target.is_sqlite:
        lowered = reason.lower()
        if "not a database" in lowered:
            return f"{target.label}: not a casekit case store (not an SQLite database); choose another file"
        if "readonly" in lowered or "read-only" in lowered:
            return f"{target.label}: the case store file is not writable ({reason}); check its permissions"
        if "locked" in lowered or "busy" in lowered:
            return (
                f"{target.label}: the case store stayed busy for {BUSY_TIMEOUT} s while {action} "
                f"({reason}); try again, or close other programs writing to it"
            )
        return (
            f"{target.label}: the case store failed while {action} ({reason}); check the file and its folder"
        )
    return (
        f"cannot use the case store at {target.label} while {action} ({reason}); check the server is "
        f"running and the URL (CASEKIT_DB_URL or casekit.toml)"
    )
