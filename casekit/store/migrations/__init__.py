"""Upgrades of the store's tables, on alembic: which layout a store has, and bringing it up to date.

The store's table layout has a chain of alembic revisions in ``versions/`` (``0001`` is the baseline:
the tables of casekit 0.1.0). The revision a store is at is kept in its own table,
:data:`VERSION_TABLE` (not alembic's default name, so a PostgreSQL database shared with another
alembic-managed program keeps both apart). This is separate from the case format's
``schema_version`` (:mod:`casekit.model.migrations`), which upgrades case JSON as it is read.

Every function here runs on a connection that is already inside casekit's locked write transaction
(:func:`locked`), so a new store is created, or an old one upgraded, whole or not at all, and two
processes cannot do it at once. alembic is driven through its command API with the connection passed
in ``Config.attributes``; no ``alembic.ini`` is read.

To change the tables:

1. Change :mod:`casekit.store.tables` (or the session table).
2. Write the skeleton of the next revision (here ``0002``) from ``script.py.mako``::

       python -c "from alembic import command; from alembic.config import Config; c = Config();
       c.set_main_option('script_location', 'casekit/store/migrations');
       c.set_main_option('file_template', 'r%%(rev)s_%%(slug)s');
       command.revision(c, 'what changes', rev_id='0002')"

   fill in ``upgrade()`` by hand with ``op`` (one transaction; never import the live tables), and
   set :data:`HEAD` to ``"0002"``.
3. Add a test in ``tests/store`` that a store at the previous revision (and the 0.1.0 fixture)
   upgrades with every revision still readable; the existing tests check that the live tables and
   the newest revision agree. If casekit 0.1.0 could no longer read the upgraded tables safely, also
   raise ``STORE_SCHEMA_VERSION`` (0.1.0 checks it and asks to upgrade casekit).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from casekit.errors import StoreError, StoreTooNewError, StoreUpgradeNeededError
from casekit.store.engine import Target, describe_failure

if TYPE_CHECKING:
    from alembic.config import Config

#: The table where a store records its alembic revision.
VERSION_TABLE = "casekit_alembic_version"
#: The revision that describes the tables of casekit 0.1.0 (stores made before migrations existed).
BASELINE = "0001"
#: The newest revision in ``versions/`` (a test checks). A store already there opens without alembic
#: being imported, which keeps every command quick.
HEAD = "0006"
#: PostgreSQL advisory-lock key ("casekit") that serialises creating and upgrading tables.
INIT_LOCK = 0x6361_7365_6B69
_FOLDER = Path(__file__).resolve().parent
#: The tables every casekit store has; their presence without a version table marks a 0.1.0 store.
_RELEASE_0_1_0_MARK = "casekit_meta"


@dataclass(frozen=True)
class Layout:
    """Which table layout a store has.

    Attributes
    ----------
    current
        The revisions recorded in the store (empty for a new store or a 0.1.0 store).
    head
        The newest revision this casekit knows.
    legacy
        True for a store written by casekit 0.1.0: casekit tables, no version table.
    unknown
        The recorded revisions this casekit does not know (written by a newer casekit).
    """

    current: tuple[str, ...]
    head: str
    legacy: bool
    unknown: tuple[str, ...]

    @property
    def is_new(self) -> bool:
        """Whether the store has no casekit tables yet."""
        return not self.current and not self.legacy

    @property
    def up_to_date(self) -> bool:
        """Whether the store is at this casekit's newest revision."""
        return self.current == (self.head,)

    @property
    def described(self) -> str:
        """The store's revision for a message (``0.1.0`` for a store from before migrations)."""
        if self.legacy:
            return "casekit 0.1.0 (before revisions)"
        return ", ".join(self.current) or "none"


def version_locations() -> list[str]:
    """The folders alembic reads revisions from (tests add one with a revision of their own)."""
    return [str(_FOLDER / "versions")]


def _config(conn: Connection) -> Config:
    """An alembic Config with no file: this folder's env.py, and ``conn`` to run on."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_FOLDER))
    config.set_main_option("version_locations", " ".join(version_locations()))
    config.set_main_option("path_separator", "space")
    config.attributes["connection"] = conn
    return config


@functools.cache
def _known(locations: tuple[str, ...]) -> tuple[frozenset[str], str]:
    """Every revision in ``locations`` and the single head (read once per process)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(_FOLDER), version_locations=list(locations))
    heads = script.get_heads()
    if len(heads) != 1:
        raise StoreError(f"casekit's store revisions have {len(heads)} heads; reinstall casekit")
    return frozenset(r.revision for r in script.walk_revisions()), heads[0]


def layout(conn: Connection) -> Layout:
    """Read which layout the store on ``conn`` has (it changes nothing)."""
    names = set(inspect(conn).get_table_names())
    if VERSION_TABLE in names:
        current = tuple(sorted(conn.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}"))))
    else:
        current = ()
    if current == (HEAD,):
        return Layout(current=current, head=HEAD, legacy=False, unknown=())
    known, head = _known(tuple(version_locations()))
    legacy = not current and _RELEASE_0_1_0_MARK in names
    unknown = tuple(r for r in current if r not in known)
    return Layout(current=current, head=head, legacy=legacy, unknown=unknown)


def _upgrade(conn: Connection, target: str) -> None:
    from alembic import command

    command.upgrade(_config(conn), target)


def check(state: Layout, label: str) -> None:
    """Refuse a store this casekit cannot use as it is.

    Raises
    ------
    StoreTooNewError
        If the store is at a revision this casekit does not know.
    StoreUpgradeNeededError
        If the store is at an older revision than this casekit's newest.
    """
    if state.unknown:
        raise StoreTooNewError(f"{label}: this store was written by a newer casekit; upgrade casekit")
    if not state.up_to_date:
        raise StoreUpgradeNeededError(
            f"{label}: this store was written by an older casekit and needs an upgrade; run "
            f"`casekit store upgrade` (it makes a backup first)"
        )


def prepare(conn: Connection, label: str) -> Layout:
    """Make a new store's tables, or recognise a 0.1.0 store as the baseline; then :func:`check` it.

    A new store is built by running every revision (so new and upgraded stores are alike). A store
    from casekit 0.1.0 is upgraded to :data:`BASELINE` only, which creates nothing it already has and
    records the revision; anything past the baseline waits for ``casekit store upgrade``.

    Raises
    ------
    StoreTooNewError, StoreUpgradeNeededError
        See :func:`check`.
    """
    state = layout(conn)
    if state.is_new:
        _upgrade(conn, "head")
        state = layout(conn)
    elif state.legacy:
        _upgrade(conn, BASELINE)
        state = layout(conn)
    check(state, label)
    return state


def upgrade(conn: Connection, label: str) -> tuple[Layout, Layout]:
    """Bring the store on ``conn`` to this casekit's newest revision; return the layouts before and after.

    Raises
    ------
    StoreTooNewError
        If the store was written by a newer casekit (nothing is changed).
    """
    before = layout(conn)
    if before.unknown:
        check(before, label)
    if not before.up_to_date:
        _upgrade(conn, "head")
    after = layout(conn)
    check(after, label)
    return before, after


@contextmanager
def locked(target: Target, action: str) -> Iterator[Connection]:
    """A write transaction on ``target`` that holds the table lock (SQLite: ``BEGIN IMMEDIATE``).

    Raises
    ------
    StoreError
        If the database fails; the message names the store without its password.
    """
    try:
        with target.engine.connect() as conn:
            conn.execution_options(casekit_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": INIT_LOCK})
                yield conn
    except DBAPIError as error:
        raise StoreError(describe_failure(target, error, action)) from None


def _existing_target(url: str) -> Target:
    """Connect to the store at ``url``; a SQLite file must already exist (nothing is created)."""
    from casekit.store.engine import connect, parse_store_url

    parsed = parse_store_url(url)
    if parsed.drivername.startswith("sqlite") and not Path(parsed.database or "").is_file():
        raise StoreError(f"{parsed.database}: there is no case store file here; check the workspace or --db")
    return connect(url)


def store_layout(url: str) -> Layout:
    """The layout of the existing store at ``url`` (read only).

    Raises
    ------
    StoreError
        If the store cannot be reached (or a SQLite file does not exist).
    """
    target = _existing_target(url)
    try:
        with locked(target, "reading the store's revision") as conn:
            return layout(conn)
    finally:
        target.engine.dispose()


def upgrade_store(url: str) -> tuple[Layout, Layout]:
    """Upgrade the existing store at ``url`` to this casekit's newest revision, in one transaction.

    Take a backup first (:mod:`casekit.store.backup`); ``casekit store upgrade`` does.

    Raises
    ------
    StoreTooNewError
        If the store was written by a newer casekit (nothing is changed).
    StoreError
        If the store cannot be reached, or the upgrade fails (nothing is changed).
    """
    target = _existing_target(url)
    try:
        with locked(target, "upgrading the store") as conn:
            return upgrade(conn, target.label)
    finally:
        target.engine.dispose()
