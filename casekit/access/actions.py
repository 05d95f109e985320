"""What a person does with people access, on an open store: one transaction per action.

These are the functions ``casekit people …`` and ``casekit case grant/share/revoke/rotate-key`` call
(and tests and scripts may call). Each works on a :class:`~casekit.store.CaseStore` opened in people
access mode, as the person the store was opened for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from casekit.access import grants, snapshots
from casekit.access.mode import MODE_KEY, PEOPLE, PeopleAccess
from casekit.errors import ConfigError
from casekit.store import access_log
from casekit.store.tables import cases_table, meta_table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from casekit.access.grants import PersonInfo
    from casekit.access.keys import Holder
    from casekit.access.snapshots import Snapshot
    from casekit.store import CaseStore


def people_access(store: CaseStore) -> PeopleAccess:
    """The store's people access, or a refusal saying the store uses one shared key.

    Raises
    ------
    ConfigError
        If the store is a shared-key store.
    """
    access = store.access
    if access is None:
        raise ConfigError(
            f"{store.label}: this store uses one shared workspace key, not people access; people access "
            f"is chosen when a store is made (`casekit people enable` on a new, empty store)"
        )
    return access


def enable(store: CaseStore) -> None:
    """Switch a new, empty shared-key store to people access (a store with cases keeps its mode).

    Raises
    ------
    ConfigError
        If the store already holds cases or is already in people access mode.
    """
    with store.transaction("choosing people access", write=True) as conn:
        if conn.scalar(select(meta_table.c.value).where(meta_table.c.key == MODE_KEY)) is not None:
            raise ConfigError(f"{store.label}: this store's access mode was chosen when it was made")
        if conn.scalar(select(func.count()).select_from(cases_table)):
            raise ConfigError(
                f"{store.label}: this store already holds cases under the shared key; make a new store "
                f"for people access and move the cases over"
            )
        conn.execute(insert(meta_table).values(key=MODE_KEY, value=PEOPLE))


def me(store: CaseStore) -> Holder:
    """The person acting on ``store``, with their identity."""
    return people_access(store).require_holder()


def add_person(store: CaseStore, username: str, public_key: str, *, role: str = grants.MEMBER) -> None:
    """Register another person (privacy lead only); see :func:`casekit.access.grants.add_person`."""
    actor = me(store)
    with store.transaction(f"adding {username}", write=True) as conn:
        grants.add_person(conn, actor, username, public_key, role, store.now())
        _log(store, conn, "person-added", None, f"person={username},role={role}")


def register_my_key(store: CaseStore) -> bool:
    """Register the acting person's current key in place of their old one; it waits for approval.

    Returns whether anything changed (False when the registered key is already theirs).

    Raises
    ------
    AccessDeniedError
        If they are not registered or were removed.
    """
    from casekit.access.mode import log_key_registered

    actor = me(store)
    with store.transaction("registering your new key", write=True) as conn:
        changed = grants.register_own_key(conn, actor)
        if changed:
            log_key_registered(store, conn, actor)
    return changed


def decide_key(store: CaseStore, username: str, fingerprint: str, *, approve: bool) -> str:
    """Approve (or refuse) a person's pending key, its fingerprint compared; returns the fingerprint.

    Raises
    ------
    AccessDeniedError
        If the acting person is not an approved privacy lead.
    ConfigError
        If the person's key is not pending, or ``fingerprint`` is not its fingerprint.
    """
    actor = me(store)
    verb = "approving" if approve else "refusing"
    with store.transaction(f"{verb} the key of {username}", write=True) as conn:
        shown = grants.decide(conn, actor, username, fingerprint, approve=approve)
        action = "key-approved" if approve else "key-refused"
        _log(store, conn, action, None, f"person={username},fingerprint={shown}")
    return shown


def remove_person(store: CaseStore, username: str) -> list[str]:
    """Remove a person at once; rotate at once the cases the remover holds a key for.

    Returns the cases the person held a key for that still need rotating by their owner. Each is
    also written to the access log ("rotation-needed", with the key version then), so its owner
    and supervisor see it in :func:`pending_rotations` until the key is rotated.
    """
    actor = me(store)
    with store.transaction(f"removing {username}", write=True) as conn:
        held = grants.remove_person(conn, actor, username, store.now())
        pending = []
        for case_id in held:
            if grants.holders(conn, case_id).get(actor.username) in (grants.OWNER, grants.SUPERVISOR):
                version = grants.rotate(conn, case_id, actor).version
                _log(store, conn, "rotated", case_id, f"key-version={version}")
            else:
                pending.append(case_id)
        _log(store, conn, "person-removed", None, f"person={username}")
        for case_id in pending:
            version = grants.key_version(conn, case_id)
            _log(store, conn, "rotation-needed", case_id, f"person={username},key-version={version}")
    return pending


def pending_rotations(store: CaseStore) -> dict[str, list[str]]:
    """The cases the acting person holds a key for that must be rotated because someone who held
    their key was removed: case id -> the people removed. A rotation clears a case."""
    actor = me(store)
    with store.transaction("reading which cases need a new key") as conn:
        held = grants.held_versions(conn, actor.username)
        return access_log.rotations_needed(conn, held)


def list_people(store: CaseStore) -> list[PersonInfo]:
    """Everyone registered in the store."""
    people_access(store)
    with store.transaction("listing people") as conn:
        return grants.list_people(conn)


def holders(store: CaseStore, case_id: str) -> dict[str, str]:
    """Who holds the case's data key (user name -> owner or supervisor)."""
    people_access(store)
    with store.transaction(f"reading who holds case {case_id}") as conn:
        return grants.holders(conn, case_id)


def grant_supervisor(store: CaseStore, case_id: str, username: str) -> None:
    """Wrap the case's data key for ``username`` as its supervisor (the owner only)."""
    actor = me(store)
    with store.transaction(f"granting case {case_id}", write=True) as conn:
        grants.grant(conn, case_id, actor, username)
        _log(store, conn, "granted", case_id, f"supervisor={username}")


def revoke_supervisor(store: CaseStore, case_id: str, username: str) -> None:
    """Take the case's data key from its supervisor and rotate it (the owner only)."""
    actor = me(store)
    with store.transaction(f"revoking case {case_id}", write=True) as conn:
        grants.revoke(conn, case_id, actor, username)
        _log(store, conn, "revoked", case_id, f"supervisor={username}")


def rotate_key(store: CaseStore, case_id: str) -> int:
    """Re-seal the case under a new data key; returns the new key version."""
    actor = me(store)
    with store.transaction(f"rotating the key of case {case_id}", write=True) as conn:
        version = grants.rotate(conn, case_id, actor).version
        _log(store, conn, "rotated", case_id, f"key-version={version}")
        return version


@access_log.one_action()  # reading the case to render it is part of sharing it
def share_case(
    store: CaseStore,
    case_id: str,
    *,
    session: str,
    recipients: Iterable[str],
    keep_list: Iterable[str] = (),
    use_ner: bool = True,
) -> str:
    """Share the case's reviewed, de-identified summary with ``recipients`` for ``session``.

    The rendering is the Markdown summary ``casekit export --case`` writes, through the same gate:
    a case with flagged spans not yet reviewed is refused and nothing is shared.

    Raises
    ------
    ExportGateError
        If de-identification review is pending or an identifier would survive.
    AccessDeniedError
        If the acting person is neither the case's owner nor its supervisor.
    """
    from casekit.export import api

    actor = me(store)
    recipients = list(recipients)
    with store.transaction(f"checking who case {case_id} is shared with") as conn:
        for name in recipients:  # refuse an unknown name before the (slower) rendering
            grants.public_key_of(conn, name)
    record = store.load(case_id)
    export = api.export_case(
        record.case,
        "md",
        session=session,
        use_ner=use_ner,
        secret=store.fingerprint_secret(case_id),
        session_record=api.session_record_for(store, case_id, session),
        keep_list=keep_list,
    )
    with store.transaction(f"sharing case {case_id}", write=True) as conn:
        snapshot_id = snapshots.share(
            conn,
            case_id,
            actor,
            session=session,
            recipients=recipients,
            rendering=export.data.decode("utf-8"),
            now=store.now(),
        )
        _log(store, conn, "shared", case_id, f"snapshot={snapshot_id},to={','.join(recipients)}")
        return snapshot_id


def shared_with_me(store: CaseStore, case_id: str | None = None) -> list[Snapshot]:
    """The snapshots shared with the acting person (of one case, if given)."""
    actor = me(store)
    with store.transaction("reading shared snapshots") as conn:
        found = snapshots.shared_with(conn, actor, case_id)
    for snapshot in found:
        _log(store, None, "opened", snapshot.case_id, f"snapshot={snapshot.snapshot_id}")
    return found


def revoke_snapshot(store: CaseStore, case_id: str, snapshot_id: str) -> None:
    """End a shared snapshot for everyone at once."""
    actor = me(store)
    with store.transaction(f"revoking a snapshot of case {case_id}", write=True) as conn:
        snapshots.revoke_snapshot(conn, case_id, actor, snapshot_id, store.now())
        _log(store, conn, "revoked", case_id, f"snapshot={snapshot_id}")


def remove_member(store: CaseStore, case_id: str, username: str) -> int:
    """Take a member off every snapshot of the case at once; returns how many they lose."""
    actor = me(store)
    with store.transaction(f"removing {username} from case {case_id}", write=True) as conn:
        lost = snapshots.remove_member(conn, case_id, actor, username)
        _log(store, conn, "revoked", case_id, f"member={username}")
        return lost


def _log(store: CaseStore, conn: Connection | None, action: str, case_id: str | None, detail: str) -> None:
    # Last in the action's own transaction, so the entry lands exactly when the action does; a read
    # (conn None) writes its entry in a transaction of its own.
    if conn is None:
        access_log.record(store, action, case_id=case_id, detail=detail)
    else:
        access_log.append(conn, action, at=store.now(), case_id=case_id, detail=detail, person=store.person)
