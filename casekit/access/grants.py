"""Who may read what in a people-access store: people, their case keys, rotation and removal.

Every function runs on a connection inside one of the store's write transactions
(:meth:`casekit.store.CaseStore.transaction`), so a grant, a removal or a rotation lands whole or not
at all. The rules:

* A case's data key is wrapped for its **owner** (the person who created it) and, once granted, its
  **supervisor**; nobody else. A group member never gets a data key, only shared snapshots
  (:mod:`casekit.access.snapshots`).
* Only the owner grants or revokes the supervisor; the owner or the supervisor may rotate the key.
* The **privacy lead** (the first person enrolled, or one named by another privacy lead) adds and
  removes people; being privacy lead gives no case key.
* A key a person registers themself (at their first login, or with ``casekit people add``) is
  **pending** until a privacy lead compares its fingerprint with the person and approves it
  (:func:`decide`). Nothing is wrapped for a pending or refused key: no supervisor's case key, no
  shared snapshot, no session key (:func:`public_key_of` refuses). Its holder may still start and
  read cases of their own (their own key, wrapped for themself, gives nobody else's data away).
* Removing a person deletes every key wrapped for them at once. Rotating a case re-seals every
  revision (its body, note and author alias) under a new data key and deletes the old wrapped keys;
  a backup taken before still holds the old wrapped keys and bodies, and opens with the old keys
  (destroy old backups to finish a removal).

Permissions on management (who may grant) are checked here, in casekit; reading is enforced by the
cryptography: without a wrapped key for you in the store, no database access opens a case body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select, update

from casekit.access import keys, revision_texts
from casekit.access.envelope import CaseKey, open_body, seal_body
from casekit.errors import (
    AccessDeniedError,
    CaseNotFoundError,
    ConfigError,
    KeyNotApprovedError,
    StoreError,
)
from casekit.store.tables import (
    case_bodies_table,
    case_keys_table,
    cases_table,
    people_table,
    session_keys_table,
    snapshot_keys_table,
)
from casekit.text.words import plural

if TYPE_CHECKING:
    from casekit.access.keys import Holder

OWNER = "owner"
SUPERVISOR = "supervisor"
MEMBER = "member"
PRIVACY_LEAD = "privacy-lead"
PERSON_ROLES = (MEMBER, PRIVACY_LEAD)
#: Where a registered key stands (``casekit_people.key_status``).
APPROVED = "approved"
PENDING = "pending"
REFUSED = "refused"


@dataclass(frozen=True)
class PersonInfo:
    """A registered person as ``casekit people list`` shows them."""

    username: str
    role: str
    public_key: str
    added_at: dt.datetime
    removed_at: dt.datetime | None
    key_status: str = APPROVED

    @property
    def fingerprint(self) -> str:
        """The registered key's fingerprint (:func:`casekit.access.keys.fingerprint`)."""
        return keys.fingerprint(self.public_key)


# ---- people ---------------------------------------------------------------------------------------
def enrol(conn: Connection, holder: Holder, now: dt.datetime) -> bool:
    """Register the acting person's public key if they are not registered yet; True if it was.

    The first person enrolled in a store becomes its privacy lead, approved (there is no one yet to
    approve them); everyone after is a member whose key is pending until a privacy lead approves it.
    A person who was removed stays removed (only a privacy lead adds them again).
    """
    row = conn.execute(select(people_table).where(people_table.c.username == holder.username)).one_or_none()
    if row is not None:
        return False
    first = conn.execute(select(people_table.c.username).limit(1)).first() is None
    conn.execute(
        insert(people_table).values(
            username=holder.username,
            public_key=holder.public_key,
            role=PRIVACY_LEAD if first else MEMBER,
            added_at=now,
            removed_at=None,
            key_status=APPROVED if first else PENDING,
        )
    )
    return True


def register_own_key(conn: Connection, holder: Holder) -> bool:
    """Register ``holder``'s current key in place of the one registered for them; True if it changed.

    The new key is pending until a privacy lead approves it (the old one no longer counts either:
    what was wrapped for it stays wrapped for the old key only).

    Raises
    ------
    AccessDeniedError
        If they are not registered or were removed (only a privacy lead adds them again).
    """
    row = _active(conn, holder.username)
    if row is None:
        raise AccessDeniedError(
            f"{holder.username}: you are not registered here (or were removed); send {holder.public_key} "
            f"to the privacy lead to be added"
        )
    if row.public_key == holder.public_key:
        return False
    p = people_table
    conn.execute(
        update(p)
        .where(p.c.username == holder.username)
        .values(public_key=holder.public_key, key_status=PENDING)
    )
    return True


def decide(conn: Connection, actor: Holder, username: str, given_fingerprint: str, *, approve: bool) -> str:
    """Approve (or refuse) the pending key of ``username``, if ``given_fingerprint`` is its fingerprint.

    The privacy lead reads the fingerprint the person sees (``casekit people add``) against the one
    ``casekit people list`` shows; only when they agree is the key approved. Returns the fingerprint.

    Raises
    ------
    AccessDeniedError
        If the acting person is not an approved privacy lead.
    ConfigError
        If the person is not registered, their key is not pending, or the fingerprint differs.
    """
    require_privacy_lead(conn, actor, "approve keys")
    row = _active(conn, username)
    if row is None:
        raise ConfigError(f"{username}: not a registered person; see `casekit people list`")
    if row.key_status != PENDING:
        raise ConfigError(f"{username}: their key is {row.key_status}, not waiting for approval")
    shown = keys.fingerprint(row.public_key)
    if not keys.same_fingerprint(given_fingerprint, row.public_key):
        raise ConfigError(
            f"--fingerprint: {username}'s registered key has fingerprint {shown}, not the one given; "
            f"ask them to read theirs out again (`casekit people add`) before deciding"
        )
    p = people_table
    status = APPROVED if approve else REFUSED
    conn.execute(update(p).where(p.c.username == username).values(key_status=status))
    return shown


def is_registered(conn: Connection, username: str) -> bool:
    """Whether ``username`` has a row in ``casekit_people`` (removed people included)."""
    p = people_table
    return conn.execute(select(p.c.username).where(p.c.username == username)).first() is not None


def add_person(
    conn: Connection, actor: Holder, username: str, public_key: str, role: str, now: dt.datetime
) -> None:
    """Register (or re-admit) ``username`` with ``public_key``; only a privacy lead may.

    Raises
    ------
    AccessDeniedError
        If the acting person is not the privacy lead.
    ConfigError
        If the key or the role is not valid.
    """
    from casekit.actor import check_username

    check_username(username, "user name")
    key = keys.check_public_key(public_key)
    if role not in PERSON_ROLES:
        raise ConfigError(f"role: {role!r} is not a role; choose {' or '.join(PERSON_ROLES)}")
    require_privacy_lead(conn, actor, "add people")
    p = people_table
    existing = conn.execute(select(p).where(p.c.username == username)).one_or_none()
    # The privacy lead registers a key she received from the person: her adding it approves it.
    if existing is None:
        conn.execute(
            insert(p).values(
                username=username,
                public_key=key,
                role=role,
                added_at=now,
                removed_at=None,
                key_status=APPROVED,
            )
        )
    else:
        conn.execute(
            update(p)
            .where(p.c.username == username)
            .values(public_key=key, role=role, removed_at=None, key_status=APPROVED)
        )


def remove_person(conn: Connection, actor: Holder, username: str, now: dt.datetime) -> list[str]:
    """Remove ``username`` at once: every case, snapshot and session key wrapped for them is deleted.

    Returns the cases they held a data key for; each should be rotated by its owner or supervisor
    (:func:`rotate`), since the removed person may have kept a copy of the data key.

    Raises
    ------
    AccessDeniedError
        If the acting person is not the privacy lead (or is removing themselves as the last one).
    ConfigError
        If the person is not registered, or is the only one who can open some case (removing them
        would leave it unreadable for good).
    """
    require_privacy_lead(conn, actor, "remove people")
    p = people_table
    if conn.execute(select(p.c.username).where(p.c.username == username)).first() is None:
        raise ConfigError(f"{username}: not a registered person; see `casekit people list`")
    leads = conn.scalars(select(p.c.username).where(p.c.role == PRIVACY_LEAD, p.c.removed_at.is_(None))).all()
    if list(leads) == [username]:
        raise AccessDeniedError(
            f"{username}: is the only privacy lead; add another privacy lead before removing them"
        )
    k = case_keys_table
    cases = sorted(conn.scalars(select(k.c.case_id).where(k.c.username == username)).all())
    orphans = [case_id for case_id in cases if set(holders(conn, case_id)) == {username}]
    if orphans:
        raise ConfigError(
            f"{username}: is the only person who can open {plural('case', len(orphans))} "
            f"{', '.join(orphans)}; ask them to grant a supervisor first (`casekit case grant`), or no "
            f"one could open those cases again"
        )
    conn.execute(delete(k).where(k.c.username == username))
    conn.execute(delete(snapshot_keys_table).where(snapshot_keys_table.c.username == username))
    conn.execute(delete(session_keys_table).where(session_keys_table.c.username == username))
    conn.execute(update(p).where(p.c.username == username).values(removed_at=now))
    return cases


def list_people(conn: Connection) -> list[PersonInfo]:
    """Everyone registered, removed people included, by user name."""
    rows = conn.execute(select(people_table).order_by(people_table.c.username)).all()
    return [
        PersonInfo(r.username, r.role, r.public_key, r.added_at, r.removed_at, r.key_status) for r in rows
    ]


def require_privacy_lead(conn: Connection, actor: Holder, what: str) -> None:
    """Refuse unless ``actor`` is an active privacy lead whose key is their registered, approved one."""
    row = _active(conn, actor.username)
    if (
        row is None
        or row.role != PRIVACY_LEAD
        or row.public_key != actor.public_key
        or row.key_status != APPROVED
    ):
        raise AccessDeniedError(f"{actor.username}: only the privacy lead may {what}; ask them")


def public_key_of(conn: Connection, username: str, *, approved: bool = True) -> str:
    """The registered public key of an active person, approved unless ``approved`` is false.

    Everything casekit wraps for another person asks for their key here, so a key that was never
    approved receives nothing (``approved=False`` only for the acting person's own key).

    Raises
    ------
    ConfigError
        If they are not registered or were removed.
    KeyNotApprovedError
        If their key waits for the privacy lead's approval, or was refused.
    """
    row = _active(conn, username)
    if row is None:
        raise ConfigError(
            f"{username}: not a registered person of this store; they run `casekit people add` once, "
            f"or the privacy lead adds them"
        )
    if approved and row.key_status == REFUSED:
        raise KeyNotApprovedError(
            f"{username}: the privacy lead refused their personal key; nothing can be given to them until "
            f"they register a new one (`casekit people add`) and it is approved"
        )
    if approved and row.key_status != APPROVED:
        raise KeyNotApprovedError(
            f"{username}: their personal key still waits for the privacy lead's approval; ask the privacy "
            f"lead to compare its fingerprint with them and run `casekit people approve {username}`"
        )
    return row.public_key


def _active(conn: Connection, username: str) -> Any:
    p = people_table
    return conn.execute(select(p).where(p.c.username == username, p.c.removed_at.is_(None))).one_or_none()


# ---- case keys ------------------------------------------------------------------------------------
def start_case(conn: Connection, case_id: str, holder: Holder) -> CaseKey:
    """Make a new case's data key and wrap it for its owner, ``holder``."""
    if public_key_of(conn, holder.username, approved=False) != holder.public_key:
        raise AccessDeniedError(
            f"{holder.username}: your personal key is not the one registered in this store; ask the "
            f"privacy lead to register your current key"
        )
    key = CaseKey.new()
    _wrap_for(conn, case_id, key, {holder.username: OWNER}, holder.username)
    return key


def case_key(conn: Connection, case_id: str, holder: Holder, cache: dict | None = None) -> CaseKey:
    """The case's data key as ``holder`` unwraps it.

    Raises
    ------
    AccessDeniedError
        If no key is wrapped for ``holder`` (never granted, removed, or revoked).
    """
    k = case_keys_table
    row = conn.execute(
        select(k.c.wrapped_key, k.c.key_version).where(
            k.c.case_id == case_id, k.c.username == holder.username
        )
    ).one_or_none()
    if row is None:
        raise AccessDeniedError(
            f"case {case_id}: you hold no key for this case; ask its owner to share a snapshot with you "
            f"or to grant you access"
        )
    wrapped = bytes(row.wrapped_key)
    cached = None if cache is None else cache.get((case_id, wrapped))
    if cached is not None:
        return cached
    raw = keys.unwrap(wrapped, holder.identity)
    key = None if raw is None else CaseKey.from_bytes(raw, row.key_version)
    if key is None:
        raise AccessDeniedError(
            f"case {case_id}: the key kept for you does not open with your personal key; ask the "
            f"case's owner to grant you access again"
        )
    if cache is not None:
        cache[(case_id, wrapped)] = key
    return key


def holders(conn: Connection, case_id: str) -> dict[str, str]:
    """Who holds the case's data key: user name -> ``owner`` or ``supervisor``."""
    k = case_keys_table
    rows = conn.execute(select(k.c.username, k.c.role).where(k.c.case_id == case_id)).all()
    return {r.username: r.role for r in rows}


def grant(conn: Connection, case_id: str, holder: Holder, username: str, role: str = SUPERVISOR) -> None:
    """Wrap the case's data key for ``username`` as its supervisor (one supervisor at a time).

    Raises
    ------
    AccessDeniedError
        If ``holder`` is not the case's owner.
    """
    if role != SUPERVISOR:
        raise ConfigError(f"role: a case's data key is granted only to a {SUPERVISOR}")
    lock_case(conn, case_id)
    _require_role(conn, case_id, holder, (OWNER,), "grant access")
    current = holders(conn, case_id)
    if current.get(username) == OWNER:
        raise ConfigError(f"{username}: already owns case {case_id}")
    key = case_key(conn, case_id, holder)
    k = case_keys_table
    conn.execute(delete(k).where(k.c.case_id == case_id, k.c.role == SUPERVISOR))
    _wrap_for(conn, case_id, key, {username: SUPERVISOR})


def revoke(conn: Connection, case_id: str, holder: Holder, username: str) -> CaseKey:
    """Take the case's data key from ``username`` (the supervisor) and rotate it; returns the new key."""
    lock_case(conn, case_id)
    _require_role(conn, case_id, holder, (OWNER,), "revoke access")
    if holders(conn, case_id).get(username) != SUPERVISOR:
        raise ConfigError(f"{username}: is not the supervisor of case {case_id}; see `casekit case holders`")
    k = case_keys_table
    conn.execute(delete(k).where(k.c.case_id == case_id, k.c.username == username))
    return rotate(conn, case_id, holder)


def rotate(conn: Connection, case_id: str, holder: Holder) -> CaseKey:
    """Re-seal every revision of the case under a new data key and re-wrap it for the current holders.

    The old wrapped keys are deleted. A backup taken before the rotation still holds them (and the
    bodies sealed under the old key): it opens with the old key.

    Raises
    ------
    AccessDeniedError
        If ``holder`` is neither the owner nor the supervisor.
    """
    lock_case(conn, case_id)
    _require_role(conn, case_id, holder, (OWNER, SUPERVISOR), "rotate its key")
    old = case_key(conn, case_id, holder)
    new = CaseKey.new(old.version + 1, old.fingerprint)
    b = case_bodies_table
    for row in conn.execute(select(b).where(b.c.case_id == case_id)).all():
        body = open_body(old, case_id, row.revision, row.nonce, row.blob)
        if body is None:
            raise StoreError(
                f"case {case_id} revision {row.revision}: the sealed body does not open with the case's "
                f"key (damaged); nothing was rotated"
            )
        nonce, blob = seal_body(new, case_id, row.revision, body)
        conn.execute(
            update(b)
            .where(b.c.case_id == case_id, b.c.revision == row.revision)
            .values(key_version=new.version, nonce=nonce, blob=blob)
        )
    revision_texts.reseal(conn, case_id, old, new)
    current = holders(conn, case_id)
    conn.execute(delete(case_keys_table).where(case_keys_table.c.case_id == case_id))
    _wrap_for(conn, case_id, new, current, holder.username)
    return new


def key_version(conn: Connection, case_id: str) -> int | None:
    """The version of the case's current data key (None if no one holds one)."""
    k = case_keys_table
    return conn.scalar(select(k.c.key_version).where(k.c.case_id == case_id).limit(1))


def held_versions(conn: Connection, username: str) -> dict[str, int]:
    """The cases ``username`` holds a data key for, and that key's version."""
    k = case_keys_table
    rows = conn.execute(select(k.c.case_id, k.c.key_version).where(k.c.username == username)).all()
    return {r.case_id: r.key_version for r in rows}


def lock_case(conn: Connection, case_id: str) -> None:
    """Take the case row's lock (PostgreSQL; SQLite's write transaction holds the whole store), so
    no save seals a revision, and no grant wraps a key, under a key that is being replaced."""
    c = cases_table
    conn.execute(update(c).where(c.c.case_id == case_id).values(head_revision=c.c.head_revision))


def _wrap_for(
    conn: Connection, case_id: str, key: CaseKey, roles: dict[str, str], actor: str | None = None
) -> None:
    # Wrapped only for approved keys, but the acting person's own (an owner may keep her own cases
    # while her key waits for approval: it gives nobody else's data away).
    rows = [
        {
            "case_id": case_id,
            "username": username,
            "role": role,
            "wrapped_key": keys.wrap(
                key.to_bytes(), [public_key_of(conn, username, approved=username != actor)]
            ),
            "key_version": key.version,
        }
        for username, role in roles.items()
    ]
    if rows:
        conn.execute(insert(case_keys_table), rows)


def _require_role(conn: Connection, case_id: str, holder: Holder, roles: tuple[str, ...], what: str) -> None:
    if conn.scalar(select(cases_table.c.case_id).where(cases_table.c.case_id == case_id)) is None:
        raise CaseNotFoundError(
            f"case {case_id}: not in the case store; check the id with `casekit case list`"
        )
    if holders(conn, case_id).get(holder.username) not in roles:
        raise AccessDeniedError(f"case {case_id}: only its {' or '.join(roles)} may {what}; ask them")
