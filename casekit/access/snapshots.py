"""Shared snapshots: what a group member receives instead of a case's data key.

A presenter (the case's owner or supervisor) shares a reviewed, de-identified rendering of the case
for one session (the same Markdown summary ``casekit export --case`` writes, through the same
de-identification gate, so a case with findings not yet reviewed cannot be shared). The snapshot is
sealed with its own random key, and that key is wrapped for each member present and the presenter.
Revoking a snapshot deletes its wrapped keys and its sealed text; taking one member off deletes only
theirs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select, update

from casekit.access import grants, keys
from casekit.access.envelope import DEK_BYTES, snapshot_aad
from casekit.errors import AccessDeniedError, ConfigError
from casekit.store import crypto
from casekit.store.tables import shared_snapshots_table, snapshot_keys_table

if TYPE_CHECKING:
    from casekit.access.keys import Holder

MAX_SESSION = 100


@dataclass(frozen=True)
class Snapshot:
    """A shared snapshot as one of its recipients opens it."""

    snapshot_id: str
    case_id: str
    session: str
    shared_by: str
    shared_at: dt.datetime
    text: str


def share(
    conn: Connection,
    case_id: str,
    holder: Holder,
    *,
    session: str,
    recipients: list[str],
    rendering: str,
    now: dt.datetime,
) -> str:
    """Seal ``rendering`` (already de-identified and gated) for ``recipients``; return the snapshot id.

    Raises
    ------
    AccessDeniedError
        If ``holder`` is neither the case's owner nor its supervisor.
    ConfigError
        If no recipient is given, a recipient is not registered, or the session label is unusable.
    """
    if not recipients:
        raise ConfigError("--to: name at least one member to share the snapshot with")
    if not session.strip() or len(session) > MAX_SESSION:
        raise ConfigError(f"--session: give the session's date or label (at most {MAX_SESSION} characters)")
    if grants.holders(conn, case_id).get(holder.username) not in (grants.OWNER, grants.SUPERVISOR):
        raise AccessDeniedError(f"case {case_id}: only its owner or supervisor may share it; ask them")
    people = sorted({*recipients, holder.username})
    public = {name: grants.public_key_of(conn, name, approved=name != holder.username) for name in people}
    snapshot_id = uuid.uuid4().hex
    secret = os.urandom(DEK_BYTES)
    payload = json.dumps({"case_id": case_id, "session": session, "format": "md", "text": rendering})
    nonce, blob = crypto.seal(secret, payload.encode("utf-8"), snapshot_aad(snapshot_id, case_id))
    conn.execute(
        insert(shared_snapshots_table).values(
            snapshot_id=snapshot_id,
            case_id=case_id,
            session=session,
            nonce=nonce,
            blob=blob,
            shared_by=holder.username,
            shared_at=now,
            revoked_at=None,
        )
    )
    conn.execute(
        insert(snapshot_keys_table),
        [
            {"snapshot_id": snapshot_id, "username": name, "wrapped_key": keys.wrap(secret, [public[name]])}
            for name in people
        ],
    )
    return snapshot_id


def shared_with(conn: Connection, holder: Holder, case_id: str | None = None) -> list[Snapshot]:
    """Every live snapshot wrapped for ``holder`` (of one case, if given), oldest first."""
    s, k = shared_snapshots_table, snapshot_keys_table
    query = (
        select(s, k.c.wrapped_key)
        .join(k, k.c.snapshot_id == s.c.snapshot_id)
        .where(k.c.username == holder.username, s.c.revoked_at.is_(None))
        .order_by(s.c.shared_at, s.c.snapshot_id)
    )
    if case_id is not None:
        query = query.where(s.c.case_id == case_id)
    out = []
    for row in conn.execute(query).all():
        secret = keys.unwrap(bytes(row.wrapped_key), holder.identity)
        plain = None
        if secret is not None and row.blob is not None:
            aad = snapshot_aad(row.snapshot_id, row.case_id)
            plain = crypto.unseal(secret, bytes(row.nonce), bytes(row.blob), aad)
        if plain is None:
            continue
        text = json.loads(plain)["text"]
        out.append(Snapshot(row.snapshot_id, row.case_id, row.session, row.shared_by, row.shared_at, text))
    return out


def revoke_snapshot(
    conn: Connection, case_id: str, holder: Holder, snapshot_id: str, now: dt.datetime
) -> None:
    """End a snapshot at once: its wrapped keys and sealed text are deleted."""
    _require_presenter(conn, case_id, holder)
    s = shared_snapshots_table
    found = conn.execute(
        update(s)
        .where(s.c.snapshot_id == snapshot_id, s.c.case_id == case_id)
        .values(revoked_at=now, nonce=None, blob=None)
    )
    if found.rowcount != 1:
        raise ConfigError(
            f"--snapshot: no snapshot {snapshot_id} of case {case_id}; see `casekit case shared`"
        )
    conn.execute(delete(snapshot_keys_table).where(snapshot_keys_table.c.snapshot_id == snapshot_id))


def remove_member(conn: Connection, case_id: str, holder: Holder, username: str) -> int:
    """Take ``username`` off every snapshot of the case; returns how many they lose."""
    _require_presenter(conn, case_id, holder)
    s, k = shared_snapshots_table, snapshot_keys_table
    ids = select(s.c.snapshot_id).where(s.c.case_id == case_id).scalar_subquery()
    result = conn.execute(delete(k).where(k.c.username == username, k.c.snapshot_id.in_(ids)))
    return result.rowcount


def _require_presenter(conn: Connection, case_id: str, holder: Holder) -> None:
    if grants.holders(conn, case_id).get(holder.username) not in (grants.OWNER, grants.SUPERVISOR):
        raise AccessDeniedError(f"case {case_id}: only its owner or supervisor may change what is shared")
