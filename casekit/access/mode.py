"""The people-access mode of a store: where :class:`casekit.store.CaseStore` seals and opens bodies.

A store is made in one of two modes, recorded in its meta table under :data:`MODE_KEY`:

``shared-key`` (the default, and every store made before people access)
    The case body is stored readable; the private identifiers are sealed with one workspace key.
``people``
    Every revision's whole body is sealed with the case's own data key, wrapped only for the case's
    owner and supervisor (:mod:`casekit.access.grants`). The workspace key plays no part.

The store calls :meth:`PeopleAccess.seal_revision` at the one place a revision is written and
:meth:`PeopleAccess.open_revision` at the one place one is read.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from casekit.access import grants, keys, revision_texts
from casekit.access.envelope import ENVELOPE_MARKER, CaseKey, open_body, seal_body
from casekit.actor import Person
from casekit.errors import AccessDeniedError, StoreError
from casekit.store.tables import case_bodies_table

if TYPE_CHECKING:
    from casekit.access.keys import Holder
    from casekit.store import CaseStore

#: The meta key recording a store's mode, and its values.
MODE_KEY = "access_mode"
SHARED_KEY = "shared-key"
PEOPLE = "people"
MODES = (SHARED_KEY, PEOPLE)


class PeopleAccess:
    """Seals and opens case bodies for one person (``holder``) of a people-access store.

    Parameters
    ----------
    holder
        The person acting, with their identity; ``None`` when it could not be loaded (cases can then
        be listed, never opened).
    """

    marker = ENVELOPE_MARKER

    def __init__(self, holder: Holder | None) -> None:
        self.holder = holder
        self._keys: dict[tuple[str, bytes], CaseKey] = {}

    def __repr__(self) -> str:
        return f"PeopleAccess({self.holder!r})"

    def require_holder(self) -> Holder:
        """The acting person, or a refusal saying how to get a personal key."""
        if self.holder is None:
            raise AccessDeniedError(
                "no personal key is loaded; run `casekit people add` once to make and register yours"
            )
        return self.holder

    def case_key(self, conn: Connection, case_id: str) -> CaseKey:
        """The case's data key for the acting person (read from the store every time, so a revoked
        key stops working at once; only the unwrapping is remembered)."""
        return grants.case_key(conn, case_id, self.require_holder(), self._keys)

    def seal_revision(
        self, conn: Connection, case_id: str, revision: int, body: str, texts: dict[str, str] | None = None
    ) -> str:
        """Seal a revision's whole body and its ``texts`` (note and author alias,
        :mod:`casekit.access.revision_texts`; a new case's first revision makes its data key); return
        the marker the revision row stores in place of the readable content."""
        holder = self.require_holder()
        key = grants.start_case(conn, case_id, holder) if revision == 1 else self.case_key(conn, case_id)
        revision_texts.seal(conn, key, case_id, revision, texts or {})
        nonce, blob = seal_body(key, case_id, revision, body)
        conn.execute(
            insert(case_bodies_table).values(
                case_id=case_id, revision=revision, key_version=key.version, nonce=nonce, blob=blob
            )
        )
        return ENVELOPE_MARKER

    def open_revision(self, store: CaseStore, case_id: str, revision: int) -> dict[str, Any]:
        """The whole case JSON of a revision, opened with the acting person's key.

        Raises
        ------
        AccessDeniedError
            If the person holds no key for the case.
        StoreError
            If the sealed body is missing or does not open (damaged or moved).
        """
        b = case_bodies_table
        where = (b.c.case_id == case_id, b.c.revision == revision)
        body = None
        for _ in range(2):  # a rotation committed between reading the key and the body: read again
            with store.transaction(f"opening case {case_id}") as conn:
                key = self.case_key(conn, case_id)
                row = conn.execute(select(b).where(*where)).one_or_none()
            if row is None or row.key_version == key.version:
                break
        if row is not None and row.key_version == key.version:
            body = open_body(key, case_id, revision, row.nonce, row.blob)
        if body is None:
            raise StoreError(
                f"case {case_id} revision {revision}: the sealed body is missing or does not open with "
                f"the case's key (damaged or moved); restore another revision"
            )
        return json.loads(body)

    def revision_texts(
        self, store: CaseStore, case_id: str, revision: int | None = None
    ) -> dict[int, dict[str, str]]:
        """The opened notes and author aliases of the case's revisions (or of one), for the acting
        person: revision -> field -> text (revisions saved before texts were sealed are absent).

        Raises
        ------
        AccessDeniedError
            If the person holds no key for the case.
        """
        with store.transaction(f"opening case {case_id}") as conn:
            return revision_texts.read(conn, self.case_key(conn, case_id), case_id, revision)

    def fingerprint_secret(self, store: CaseStore, case_id: str) -> bytes:
        """The case's fingerprint secret (kept across rotations), for the acting person."""
        with store.transaction(f"opening case {case_id}") as conn:
            return self.case_key(conn, case_id).fingerprint

    def closing(self, store: CaseStore) -> None:
        """Remember the log's newest entry in the person's witness as the store closes."""
        from casekit.store import log_witness

        if self.holder is not None and self.holder.home is not None:
            log_witness.remember(store, self.holder.home)

    def enrol(self, store: CaseStore) -> None:
        """Register the acting person's public key if they are new to the store."""
        if self.holder is None:
            return
        with store.transaction("reading who you are") as conn:
            if grants.is_registered(conn, self.holder.username):
                return
        try:
            with store.transaction("registering your public key", write=True) as conn:
                if grants.enrol(conn, self.holder, store.now()):
                    log_key_registered(store, conn, self.holder)
        except IntegrityError:  # the same person enrolled from another process first
            pass


def log_key_registered(store: CaseStore, conn: Connection, holder: Holder) -> None:
    """Record, in the registering transaction, that ``holder`` registered their key (its fingerprint)."""
    from casekit.actor import current_person
    from casekit.store import access_log

    me = current_person()
    access_log.append(
        conn,
        "key-registered",
        at=store.now(),
        detail=f"person={holder.username},fingerprint={keys.fingerprint(holder.public_key)}",
        person=Person(holder.username, me.source, me.server),
    )


def open_people_access(store: CaseStore, person: Holder | None) -> PeopleAccess:
    """The people access of ``store`` for ``person`` (default: the current person, whose identity is
    made on first use), enrolling their public key if they are new to the store."""
    from casekit.access.keys import Holder
    from casekit.store import log_witness

    holder = person if person is not None else Holder.current()
    access = PeopleAccess(holder)
    access.enrol(store)
    if holder.home is not None:  # entries this person saw must still be there
        log_witness.observe(store, holder.home)
    return access
