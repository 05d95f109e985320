"""Witnesses and anchors: catching entries cut off the end of the access log.

The hash chain (:mod:`casekit.store.access_log`) shows an entry changed, removed, inserted or moved,
but a log cut short still verifies: the newest entries are simply gone. So each person remembers the
newest entry they have seen, a *mark* (its sequence number and hash), outside the store:

* a **witness** in their own ``~/.casekit/log-witness/<store id>.json`` (mode 0600, written whole),
  updated whenever they open or close a people-access store or verify its log;
* an **anchor**, a mark the privacy lead exports (``casekit log export --anchor FILE``) and keeps
  apart, which anyone can check the store against later (``casekit log verify --anchor FILE``).

A store is checked against a mark by reading the entry at the mark's number: if the log is shorter,
or that entry's hash differs, entries were cut (and perhaps written again), and
:class:`~casekit.errors.AccessLogBrokenError` names the range. The store id is a random value kept in
the store's meta table (``store_id``), so marks of two stores never mix.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from casekit.errors import AccessLogBrokenError, CasekitError, ConfigError, StoreError, WorkspaceError
from casekit.store.access_log import GENESIS, ChainCheck, verify
from casekit.store.tables import access_log_table, meta_table

if TYPE_CHECKING:
    from casekit.store.store import CaseStore

#: The meta key holding the store's id.
STORE_ID_KEY = "store_id"
_WITNESS = "casekit-log-witness-1"
_ANCHOR = "casekit-log-anchor-1"
_FOLDER = "log-witness"


@dataclass(frozen=True)
class Mark:
    """An entry of the log someone saw: its sequence number and hash (``0`` and :data:`GENESIS` for
    an empty log)."""

    seq: int
    hash: str


# ---- the store's side -------------------------------------------------------------------------------
def store_id(conn: Connection) -> str:
    """The store's id (from its meta table).

    Raises
    ------
    StoreError
        If the store has none (it is written when the store is opened).
    """
    value = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == STORE_ID_KEY))
    if not value:
        raise StoreError("the store has no id yet; open it once with this casekit to give it one")
    return str(value)


def head(conn: Connection) -> Mark:
    """The newest entry of the log."""
    t = access_log_table
    row = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).one_or_none()
    return Mark(0, GENESIS) if row is None else Mark(row.seq, row.hash)


def check(conn: Connection, mark: Mark, *, label: str, source: str) -> Mark:
    """Check the log still holds the entry ``mark`` names, unchanged; return the log's head.

    Parameters
    ----------
    source
        Who saw the mark, for the message ("you", "the anchor in FILE").

    Raises
    ------
    AccessLogBrokenError
        If the log ends before the mark (naming the entries cut), or the entry there differs.
    """
    newest = head(conn)
    if newest.seq < mark.seq:
        raise AccessLogBrokenError(
            f"{label}: the access log ends at entry {newest.seq}, but {source} saw entry {mark.seq}: "
            f"entries {newest.seq + 1} to {mark.seq} were cut off its end; keep the store as it is and "
            f"tell the privacy lead (a backup from before shows what was there)",
            seq=newest.seq + 1,
        )
    t = access_log_table
    seen = conn.scalar(select(t.c.hash).where(t.c.seq == mark.seq)) if mark.seq else GENESIS
    if seen != mark.hash:
        raise AccessLogBrokenError(
            f"{label}: entry {mark.seq} of the access log is not the one {source} saw: the log was cut "
            f"there and written again; keep the store as it is and tell the privacy lead",
            seq=mark.seq,
        )
    return newest


# ---- witnesses (the person's own) -------------------------------------------------------------------
def witness_path(home: Path, sid: str) -> Path:
    """Where a person (whose private folder is ``home``, ``~/.casekit``) keeps their mark of a store."""
    return home / _FOLDER / f"{sid}.json"


def observe(store: CaseStore, home: Path) -> Mark:
    """Check the store against the person's witness, then remember its head; return the head.

    Raises
    ------
    AccessLogBrokenError
        If entries the person saw were cut off the end of the log.
    """
    with store.transaction("checking the access log against what you saw") as conn:
        sid = store_id(conn)
        path = witness_path(home, sid)
        mark = _read(path, _WITNESS, sid)
        newest = head(conn) if mark is None else check(conn, mark, label=store.label, source="you")
    if mark is None or newest != mark:
        _write(path, _WITNESS, sid, newest)
    return newest


def remember(store: CaseStore, home: Path) -> None:
    """Remember the store's head in the person's witness when closing, if it extends what they saw.

    Never raises: a log found cut here is left for the next open or ``casekit log verify`` to
    report (the witness keeps the longer mark), and a store that cannot be read just now changes
    nothing.
    """
    with contextlib.suppress(CasekitError, OSError):  # best effort on the way out: the next open
        observe(store, home)  # checks again and says what is wrong


# ---- anchors (the privacy lead's export) ------------------------------------------------------------
def write_anchor(store: CaseStore, path: Path) -> Mark:
    """Write the log's head to ``path`` as an anchor (mode 0640); return it."""
    with store.transaction("reading the access log") as conn:
        sid, newest = store_id(conn), head(conn)
    _write(path, _ANCHOR, sid, newest, mode=0o640)
    return newest


def check_anchor(store: CaseStore, path: Path) -> Mark:
    """Check the store against the anchor in ``path``; return the anchor's mark.

    Raises
    ------
    ConfigError
        If the file is not an anchor of this store.
    AccessLogBrokenError
        If entries up to the anchor were cut off or rewritten.
    """
    with store.transaction("checking the access log against the anchor") as conn:
        sid = store_id(conn)
        mark = _read(path, _ANCHOR, sid)
        if mark is None:
            raise ConfigError(f"{path}: no anchor here; give the file `casekit log export --anchor` wrote")
        check(conn, mark, label=store.label, source=f"the anchor in {path.name}")
    return mark


def verify_all(store: CaseStore, *, home: Path | None, anchor: Path | None = None) -> ChainCheck:
    """The whole check: the hash chain, then the person's witness (``home``), then ``anchor``.

    Remembers the head in the witness once everything passes.

    Raises
    ------
    AccessLogBrokenError
        If the chain is broken, or entries were cut off its end.
    """
    result = verify(store)
    if anchor is not None:
        check_anchor(store, anchor)
    if home is not None:
        observe(store, home)
    return result


# ---- the files ----------------------------------------------------------------------------------------
def _read(path: Path, kind: str, sid: str) -> Mark | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError):
        raise ConfigError(f"{path}: cannot be read as a casekit log mark; move it aside") from None
    if not isinstance(data, dict) or data.get("format") != kind:
        raise ConfigError(f"{path}: not a casekit {kind.split('-')[2]} file; give the right file")
    if data.get("store_id") != sid:
        raise ConfigError(f"{path}: the mark of another store; give the one made from this store")
    seq, digest = data.get("seq"), data.get("hash")
    if not isinstance(seq, int) or seq < 0 or not isinstance(digest, str) or len(digest) != 64:
        raise ConfigError(f"{path}: its entry number or hash is damaged; move it aside")
    return Mark(seq, digest)


def _write(path: Path, kind: str, sid: str, mark: Mark, *, mode: int = 0o600) -> None:
    from casekit.fileio import atomic_write

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(
            f"{path.parent}: cannot be made ({exc.strerror}); check the folder is yours"
        ) from None
    body = {"format": kind, "store_id": sid, "seq": mark.seq, "hash": mark.hash}
    atomic_write(path, json.dumps(body, indent=2) + "\n", mode=mode)
