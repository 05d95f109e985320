"""The case store: the only owner of persistence.

Every save is a new revision in an append-only history; a save names the revision it started from
and is refused with :class:`~casekit.errors.RevisionConflictError` if someone saved since (a
compare-and-swap on the case's head revision inside one transaction, backed by the primary key
``(case_id, revision)``), so no word is ever silently overwritten. The private identifiers are
sealed with AES-GCM and stored apart from the rest of the case. A store made for people access seals
the whole case instead, with a key of the case's own (:mod:`casekit.access`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from casekit.actor import Person, current_person
from casekit.errors import (
    AccessDeniedError,
    CaseExistsError,
    CasekitError,
    CaseNotFoundError,
    CaseValidationError,
    ConfigError,
    EncryptionKeyError,
    RevisionConflictError,
    StoreError,
)
from casekit.model import Case, validate_case
from casekit.model.ids import CASE_ID_HELP, CASE_ID_PATTERN, check_alias
from casekit.model.io import MAX_CASE_BYTES
from casekit.store import access_log, crypto, migrations
from casekit.store import date_shift as dates
from casekit.store.engine import Target, connect, describe_failure, restrict_sqlite_files
from casekit.store.metadata import check_revision_fields
from casekit.store.records import CaseRecord, CaseSummary, RevisionInfo
from casekit.store.tables import (
    STORE_SCHEMA_VERSION,
    cases_table,
    meta_table,
    revisions_table,
)

if TYPE_CHECKING:
    from casekit.access.keys import Holder
    from casekit.access.mode import PeopleAccess

#: Longest revision note accepted (characters).
MAX_NOTE = 1000
#: Marks a sealed blob that holds identifiers and event dates (older blobs hold identifiers only).
SEALED_FORMAT = "casekit-sealed"
#: How often :meth:`CaseStore.save_edit` merges again when another save lands during a merge.
_MERGE_ATTEMPTS = 3
_PG_INIT_LOCK = migrations.INIT_LOCK  # serialises table creation and upgrades between processes


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without a zone; everything is stored in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


#: The largest revision number the store's integer column holds.
MAX_REVISION = 2**31 - 1


@dataclass(frozen=True)
class _Sealed:
    """The stored form of a revision's identifiers: nothing, or a blob sealed at some revision."""

    nonce: bytes | None = None
    blob: bytes | None = None
    sealed_revision: int | None = None


class CaseStore:
    """Cases and their revisions in SQLite or PostgreSQL. Open with :meth:`open`.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        target: Target,
        *,
        key: bytes | None,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._target = target
        self._engine = target.engine
        self._key = key
        self._clock = clock
        self._access: PeopleAccess | None = None  # set in a people-access store (casekit.access)

    # ---- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        url: str,
        key: crypto.KeySource | None = None,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        create: bool = True,
        access: str | None = None,
        person: Holder | None = None,
    ) -> CaseStore:
        """Open (and if needed create) the store at ``url``.

        Parameters
        ----------
        url
            ``sqlite:///PATH`` (or a bare path) for a file, ``postgresql://USER@HOST/DB`` for a server.
        key
            Where the identifiers key comes from (:class:`~casekit.store.crypto.KeyFile` or
            :class:`~casekit.store.crypto.Passphrase`). Without one, cases open with their
            identifiers locked, and only cases with no new identifiers can be saved.
        clock
            Returns the current time (UTC); tests inject one.
        create
            Whether a missing SQLite file may be created. Opening an existing workspace passes false,
            so a mistyped path is refused instead of becoming a new, empty store.
        access
            The mode a *new* store is made in: ``"shared-key"`` (the default) or ``"people"``
            (:mod:`casekit.access`). An existing store keeps its mode; asking for another is refused.
        person
            In a people-access store, who is acting and their identity (default: the current person
            with the identity in their home, made on first use). ``key`` plays no part there.

        Raises
        ------
        ConfigError
            If the URL's scheme is not supported.
        StoreError
            If the store cannot be reached or created, or is not a casekit store.
        EncryptionKeyError
            If ``key`` is not the key of this store.
        """
        target = connect(url, create=create)
        try:
            store = cls(target, key=None, clock=clock or _utcnow)
            facts = store._initialise(access)
            if target.sqlite_path is not None:
                restrict_sqlite_files(target.sqlite_path)
            if facts.get("access_mode") == "people":
                from casekit.access.mode import open_people_access

                store._access = open_people_access(store, person)
            elif key is not None:
                store._key = store._unlock(key, facts)
        except BaseException:
            target.engine.dispose()
            raise
        return store

    def close(self) -> None:
        """Close every connection to the store (in people access, remembering the log's newest entry
        in the person's witness first: :mod:`casekit.store.log_witness`)."""
        if self._access is not None:
            self._access.closing(self)
        self._engine.dispose()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CaseStore({self._target.label!r})"

    @property
    def has_key(self) -> bool:
        """Whether the store was opened with the key (or a person's key), so identifiers can be read."""
        return self._key is not None or (self._access is not None and self._access.holder is not None)

    @property
    def person(self) -> Person:
        """Who is acting on this store: in people access the person it was opened for, otherwise
        :func:`~casekit.actor.current_person`. Recorded with revisions and in the access log."""
        holder = self._access.holder if self._access is not None else None
        me = current_person()
        return me if holder is None else Person(holder.username, me.source, me.server)

    @property
    def access(self) -> PeopleAccess | None:
        """The people-access mode of this store (:mod:`casekit.access`); ``None`` for a shared-key one."""
        return self._access

    def fingerprint_secret(self, case_id: str) -> bytes:
        """A per-case secret derived from the identifiers key, for keyed fingerprints.

        De-identification stores the presenter's decisions on flagged spans as keyed hashes; deriving
        the key from the store's own key makes them stable for everyone who can open the store, and
        useless to anyone who cannot.

        Raises
        ------
        EncryptionKeyError
            If the store was opened without the key.
        """
        if self._access is not None:
            return self._access.fingerprint_secret(self, case_id)
        if self._key is None:
            raise EncryptionKeyError(
                f"case {case_id}: de-identification decisions need the workspace key; run where the "
                f"workspace key is, or set CASEKIT_PASSPHRASE"
            )
        return hmac.new(self._key, b"casekit-deid\x00" + case_id.encode("utf-8"), hashlib.sha256).digest()

    # ---- transactions -----------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, action: str, *, write: bool = False) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                if write:
                    conn.execution_options(casekit_write=True)
                with conn.begin():
                    yield conn
        except CasekitError:
            raise
        except IntegrityError:
            raise
        except DBAPIError as error:
            raise StoreError(describe_failure(self._target, error, action)) from None

    def _initialise(self, access: str | None = None) -> dict[str, str]:
        """Create the tables and the store's facts (salt, schema version) if missing; return the facts.

        The tables come from the store's migrations (:mod:`casekit.store.migrations`): a new store is
        built by them, a store from casekit 0.1.0 is recognised as their baseline, and a store that is
        older or newer than this casekit is refused with the one line that says what to do.
        """
        with self._transaction("opening the store", write=True) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_INIT_LOCK})
            names = set(inspect(conn).get_table_names())
            if self._target.is_sqlite and names and meta_table.name not in names:
                raise StoreError(
                    f"{self._target.label}: this SQLite file is not a casekit case store; choose another file"
                )
            migrations.prepare(conn, self._target.label)
            facts = {row.key: row.value for row in conn.execute(select(meta_table))}
            wanted = {
                "store_schema_version": str(STORE_SCHEMA_VERSION),
                "kdf": crypto.KDF_NAME,
                "kdf_salt": base64.b64encode(os.urandom(crypto.SALT_BYTES)).decode("ascii"),
                "created_at": self._now().isoformat(),
                "store_id": uuid.uuid4().hex,  # names the store in each person's log witness
            }
            if access is not None and "created_at" not in facts:  # a new store: record its mode
                wanted["access_mode"] = _check_access(access)
            missing = {k: v for k, v in wanted.items() if k not in facts}
            if missing:
                conn.execute(insert(meta_table), [{"key": k, "value": v} for k, v in missing.items()])
                facts.update(missing)
        version = facts.get("store_schema_version", "")
        if not version.isdigit() or int(version) > STORE_SCHEMA_VERSION:
            raise StoreError(
                f"{self._target.label}: the store's layout (version {version}) is newer than this casekit "
                f"reads ({STORE_SCHEMA_VERSION}); upgrade casekit"
            )
        if access is not None and facts.get("access_mode", "shared-key") != _check_access(access):
            raise ConfigError(
                f"{self._target.label}: this store was made for {facts.get('access_mode', 'shared-key')} "
                f"access, and a store keeps the mode it was made with; make a new store for {access} access"
            )
        return facts

    def _unlock(self, source: crypto.KeySource, facts: dict[str, str]) -> bytes:
        """Derive the key, check it against the store's key-check token (writing one if none yet)."""
        salt = base64.b64decode(facts["kdf_salt"])
        key = source.key(salt)
        token = facts.get("key_check")
        if token is None:
            try:
                with self._transaction("recording the key check", write=True) as conn:
                    token = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "key_check"))
                    if token is None:
                        token = crypto.make_key_check(key)
                        conn.execute(insert(meta_table).values(key="key_check", value=token))
            except IntegrityError:  # another process recorded its key first
                with self._transaction("reading the key check") as conn:
                    token = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "key_check"))
        if not token or not crypto.key_opens(key, token):
            describe = getattr(source, "describe", None)
            what = describe() if callable(describe) else "the key given"
            raise EncryptionKeyError(
                f"{what} does not open this store ({self._target.label}); use the key file or passphrase "
                f"this store was created with, or open it without a key (identifiers stay locked)"
            )
        return key

    def _now(self) -> dt.datetime:
        return _as_utc(self._clock())

    # ---- for tables kept beside the cases (casekit.store.session_events) --------------------------------
    @contextmanager
    def transaction(self, action: str, *, write: bool = False) -> Iterator[Connection]:
        """A transaction on the store's database, for store modules that keep their own tables.

        ``write=True`` takes SQLite's write lock at the start (writers queue rather than fail half-way).
        Database failures become :class:`~casekit.errors.StoreError` naming ``action``;
        ``IntegrityError`` is passed through so callers can treat a lost race as they need.
        """
        with self._transaction(action, write=write) as conn:
            yield conn

    def now(self) -> dt.datetime:
        """The current time (UTC) by the store's clock (injected in tests)."""
        return self._now()

    @property
    def label(self) -> str:
        """Where the store lives (a file path, or a server URL without its password)."""
        return self._target.label

    # ---- reading ----------------------------------------------------------------------------------
    def head(self, case_id: str) -> int:
        """The newest revision of a case.

        Raises
        ------
        CaseNotFoundError
            If there is no such case.
        """
        with self._transaction(f"reading case {case_id}") as conn:
            head = self._head(conn, case_id)
        if head is None:
            raise self._not_found(case_id)
        return head

    def load(self, case_id: str, revision: int | None = None) -> CaseRecord:
        """Load the newest revision of a case, or the one asked for.

        Stored JSON is upgraded and validated by :func:`casekit.model.validate_case` (so an old revision
        written by an older casekit opens), and its identifiers are decrypted when the store has the key.

        Raises
        ------
        CaseNotFoundError
            If there is no such case or revision.
        """
        r = revisions_table
        with self._transaction(f"loading case {case_id}") as conn:
            if revision is None:
                query = select(r).join(
                    cases_table,
                    and_(cases_table.c.case_id == r.c.case_id, cases_table.c.head_revision == r.c.revision),
                )
                row = conn.execute(query.where(r.c.case_id == case_id)).one_or_none()
            elif not 0 < revision <= MAX_REVISION:
                row = None  # no such revision can exist, and the database column could not hold it
            else:
                row = conn.execute(
                    select(r).where(r.c.case_id == case_id, r.c.revision == revision)
                ).one_or_none()
            head = self._head(conn, case_id) if row is None else None
        if row is None:
            if head is None:
                raise self._not_found(case_id)
            raise CaseNotFoundError(
                f"case {case_id}: there is no revision {revision} (revisions 1 to {head}); see "
                f"`casekit case history {case_id}`"
            )
        record = self._record(row)
        if (row.identifiers_blob is not None and self._key is not None) or self._access is not None:
            # Shared key: the identifiers were unsealed. People access: the whole body was.
            access_log.record_read(self, case_id, row.revision)
        return record

    def list_cases(self, group: str | None = None) -> list[CaseSummary]:
        """Every case (or every case of ``group``), sorted by case id."""
        c = cases_table
        query = select(c)
        if group is not None:
            query = query.where(c.c.group_alias == group)
        with self._transaction("listing cases") as conn:
            rows = conn.execute(query).all()
        out = [
            CaseSummary(
                case_id=row.case_id,
                head_revision=row.head_revision,
                group=row.group_alias,
                clinician_alias=row.clinician_alias,
                created=_as_utc(row.created_at),
                updated=_as_utc(row.updated_at),
            )
            for row in rows
        ]
        return sorted(out, key=lambda s: s.case_id)

    def history(self, case_id: str) -> list[RevisionInfo]:
        """Every revision of a case, oldest first.

        Raises
        ------
        CaseNotFoundError
            If there is no such case.
        """
        r = revisions_table
        columns = [
            r.c.revision,
            r.c.saved_at,
            r.c.author,
            r.c.based_on,
            r.c.note,
            r.c.restored_from,
            r.c.person,
        ]
        with self._transaction(f"reading the history of case {case_id}") as conn:
            rows = conn.execute(select(*columns).where(r.c.case_id == case_id).order_by(r.c.revision)).all()
        if not rows:
            raise self._not_found(case_id)
        texts, sealed = self._revision_texts(case_id)
        return [
            RevisionInfo(
                revision=row.revision,
                saved_at=_as_utc(row.saved_at),
                author=texts.get(row.revision, {}).get("author", row.author),
                based_on=row.based_on,
                note=texts.get(row.revision, {}).get("note", row.note),
                restored_from=row.restored_from,
                person=row.person,
                texts_sealed=sealed,
            )
            for row in rows
        ]

    def _revision_texts(self, case_id: str) -> tuple[dict[int, dict[str, str]], bool]:
        """In a people-access store, the case's opened notes and author aliases, and whether they are
        sealed from the acting person (who holds no key for the case); elsewhere nothing to open."""
        if self._access is None:
            return {}, False
        try:
            return self._access.revision_texts(self, case_id), False
        except AccessDeniedError:
            return {}, True

    # ---- writing ----------------------------------------------------------------------------------
    def create(self, case: Case, *, author: str, imported: bool = False) -> CaseRecord:
        """Store a new case as revision 1 (``imported``: it came from a case file, as the log says).

        Raises
        ------
        CaseExistsError
            If a case with this id is already stored.
        EncryptionKeyError
            If the case has identifiers and the store was opened without the key.
        """
        case_id = case.meta.case_id
        author = _check_author(author)
        check_revision_fields(case, author=author)
        self._check_can_seal(case)
        self._check_dates_without_key(case, None)
        now = self._now()
        content = _content_json(dates.shift(case), now)
        sealed = self._seal(case_id, 1, case)
        try:
            with self._transaction(f"creating case {case_id}", write=True) as conn:
                if self._head(conn, case_id) is not None:
                    raise self._exists(case_id)
                conn.execute(
                    insert(cases_table).values(
                        case_id=case_id,
                        head_revision=1,
                        group_alias=case.meta.group,
                        clinician_alias=case.meta.clinician_alias,
                        created_at=case.meta.created,
                        updated_at=now,
                    )
                )
                content = self._stored(conn, case, 1, now, content, author=author)
                action = "imported" if imported else "created"
                self._insert_revision(conn, case_id, 1, None, None, now, author, "", content, sealed, action)
        except IntegrityError:  # another writer created it between our check and our insert
            raise self._exists(case_id) from None
        case.meta.updated = now
        return self._saved(case, 1, now, author, sealed)

    def save(self, case: Case, *, based_on: int, author: str, note: str = "") -> CaseRecord:
        """Save ``case`` as the next revision, if ``based_on`` is still the newest one.

        Sets ``case.meta.updated`` to the time of the save once it has been stored. Without the key, a
        case with empty identifiers keeps the identifiers of ``based_on`` (carried forward sealed).

        Raises
        ------
        RevisionConflictError
            If someone saved after ``based_on``; nothing is written.
        CaseNotFoundError
            If the case is not in the store (use :meth:`create`).
        EncryptionKeyError
            If the case has identifiers and the store was opened without the key.
        """
        return self._save(case, based_on=based_on, author=author, note=note, action="changed")

    def _save(self, case: Case, *, based_on: int, author: str, note: str, action: str) -> CaseRecord:
        """:meth:`save`, recorded in the access log as ``action``."""
        case_id = case.meta.case_id
        author = _check_author(author)
        note = _check_note(note)
        check_revision_fields(case, author=author, note=note)
        _check_revision(based_on, "based_on")
        self._check_can_seal(case)
        now = self._now()
        # Without the key the body is stored as it was loaded (already shifted, or a body written
        # before dates were sealed), and the sealed dates are carried forward with the identifiers.
        content = _content_json(dates.shift(case) if self._key else case, now)
        revision = based_on + 1
        sealed = self._seal(case_id, revision, case)
        with self._write_revision(case_id, based_on) as conn:
            if sealed.blob is None and self._key is None and self._access is None:
                self._check_dates_without_key(case, self._stored_dates(conn, case_id, based_on))
                sealed = self._carried(conn, case_id, based_on)
            self._advance(conn, case, based_on, now)
            content = self._stored(conn, case, revision, now, content, author=author, note=note)
            self._insert_revision(
                conn, case_id, revision, based_on, None, now, author, note, content, sealed, action
            )
        case.meta.updated = now
        return self._saved(case, revision, now, author, sealed)

    @access_log.one_action()  # its reads of the base and the newest revision are part of the save
    def save_edit(
        self,
        case: Case,
        *,
        based_on: int,
        author: str,
        note: str = "",
        merge: bool = False,
        keep_identifiers: bool = False,
        dates_shifted: bool = False,
        imported: bool = False,
    ) -> CaseRecord:
        """Save a copy of revision ``based_on`` edited elsewhere (an exported file), losing nothing.

        Parameters
        ----------
        based_on
            The revision the copy was taken from.
        merge
            If someone saved after ``based_on``, merge the two edits field by field
            (:func:`casekit.store.merge.merge_cases`) and save the result on the newest revision.
        keep_identifiers
            The copy carries no identifiers (an export leaves them out): keep those of ``based_on``.
        dates_shifted
            The copy's dates are the shifted ones of the readable body (exported without the key):
            with the key, move them back to real dates by ``based_on``'s shift. A copy that holds
            exactly ``based_on``'s shifted dates is treated so even without the flag.
        imported
            The copy came from a case file: the access log says "imported" rather than "changed".

        Raises
        ------
        RevisionConflictError
            If someone saved after ``based_on`` and ``merge`` is off; nothing is written.
        MergeConflictError
            If both edits changed the same fields (named in the message); nothing is written.
        """
        from casekit.store.merge import merge_cases

        _check_revision(based_on, "based_on")
        case_id = case.meta.case_id
        head = self.head(case_id)
        if based_on > head:
            raise CaseNotFoundError(
                f"case {case_id}: there is no revision {based_on} (revisions 1 to {head}); give the revision "
                f"the copy was exported from"
            )
        if head != based_on and not merge:
            raise RevisionConflictError(case_id, based_on, head)
        base = self.load(case_id, based_on).case
        if self.has_key:  # without it, the store carries identifiers and dates forward itself
            if dates.holds_shifted(case, base, said=dates_shifted):
                case = dates.unshift(case, base)
            if keep_identifiers:
                case = _with_identifiers(case, base)
        for _ in range(_MERGE_ATTEMPTS):
            theirs = self.load(case_id)
            if theirs.revision != based_on and not merge:
                raise RevisionConflictError(case_id, based_on, theirs.revision)
            edit = (
                case
                if theirs.revision == based_on
                else merge_cases(base, theirs.case, case, based_on=based_on, head=theirs.revision)
            )
            try:
                action = "imported" if imported else "changed"
                return self._save(edit, based_on=theirs.revision, author=author, note=note, action=action)
            except RevisionConflictError:  # another save landed meanwhile: merge with that too
                if not merge:
                    raise
        raise RevisionConflictError(case_id, based_on, self.head(case_id))

    @access_log.one_action()  # reading the old revision is part of the restore
    def restore(self, case_id: str, revision: int, *, based_on: int, author: str) -> CaseRecord:
        """Save an old revision's content as a new revision (the history keeps everything).

        The restored case is the old one upgraded to the current schema, with ``meta.updated`` set to
        now. Its identifiers are the old revision's: re-sealed with the key, or carried forward sealed
        without it.

        Raises
        ------
        RevisionConflictError
            If someone saved after ``based_on``.
        CaseNotFoundError
            If the case or the revision does not exist.
        """
        author = _check_author(author)
        _check_revision(based_on, "based_on")
        _check_revision(revision, "revision")
        case = self.load(case_id, revision).case
        check_revision_fields(case, author=author)
        now = self._now()
        content = _content_json(dates.shift(case) if self._key else case, now)
        new_revision = based_on + 1
        sealed = self._seal(case_id, new_revision, case)
        with self._write_revision(case_id, based_on) as conn:
            if self._key is None:
                sealed = self._carried(conn, case_id, revision)
            self._advance(conn, case, based_on, now)
            content = self._stored(conn, case, new_revision, now, content, author=author)
            self._insert_revision(
                conn,
                case_id,
                new_revision,
                based_on,
                revision,
                now,
                author,
                "",
                content,
                sealed,
                "restored",
            )
        case.meta.updated = now
        return self._saved(case, new_revision, now, author, sealed)

    # ---- internals --------------------------------------------------------------------------------
    @contextmanager
    def _write_revision(self, case_id: str, based_on: int) -> Iterator[Connection]:
        """A write transaction for a new revision on ``based_on``; a lost race becomes a conflict."""
        try:
            with self._transaction(f"saving case {case_id}", write=True) as conn:
                head = self._head(conn, case_id)
                if head is None:
                    raise self._not_found(case_id)
                if head != based_on:
                    raise RevisionConflictError(case_id, based_on, head)
                yield conn
        except IntegrityError:  # the primary key caught a concurrent save of the same revision
            raise RevisionConflictError(case_id, based_on, self.head(case_id)) from None

    def _advance(self, conn: Connection, case: Case, based_on: int, now: dt.datetime) -> None:
        """Compare-and-swap the head revision; exactly one of two racing saves succeeds."""
        c = cases_table
        result = conn.execute(
            update(c)
            .where(c.c.case_id == case.meta.case_id, c.c.head_revision == based_on)
            .values(
                head_revision=based_on + 1,
                group_alias=case.meta.group,
                clinician_alias=case.meta.clinician_alias,
                updated_at=now,
            )
        )
        if result.rowcount != 1:
            head = self._head(conn, case.meta.case_id)
            raise RevisionConflictError(case.meta.case_id, based_on, head if head is not None else 0)

    def _insert_revision(
        self,
        conn: Connection,
        case_id: str,
        revision: int,
        based_on: int | None,
        restored_from: int | None,
        now: dt.datetime,
        author: str,
        note: str,
        content: str,
        sealed: _Sealed,
        action: str,
    ) -> None:
        """Insert a revision with the person saving it, and its access-log entry in the same transaction."""
        person = self.person
        if self._access is not None:  # sealed with the body (casekit.access.revision_texts)
            author, note = "", ""
        conn.execute(
            insert(revisions_table).values(
                case_id=case_id,
                revision=revision,
                based_on=based_on,
                restored_from=restored_from,
                saved_at=now,
                author=author,
                note=note,
                content=content,
                identifiers_nonce=sealed.nonce,
                identifiers_blob=sealed.blob,
                sealed_revision=sealed.sealed_revision,
                person=person.username,
            )
        )
        access_log.append(conn, action, at=now, case_id=case_id, revision=revision, person=person)

    @staticmethod
    def _head(conn: Connection, case_id: str) -> int | None:
        return conn.scalar(select(cases_table.c.head_revision).where(cases_table.c.case_id == case_id))

    @staticmethod
    def _carried(conn: Connection, case_id: str, revision: int) -> _Sealed:
        """The sealed identifiers of ``revision``, unchanged, to carry into a new revision."""
        r = revisions_table
        row = conn.execute(
            select(r.c.identifiers_nonce, r.c.identifiers_blob, r.c.sealed_revision).where(
                r.c.case_id == case_id, r.c.revision == revision
            )
        ).one()
        return _Sealed(row.identifiers_nonce, row.identifiers_blob, row.sealed_revision)

    def _check_dates_without_key(self, case: Case, stored: dict[str, str] | None) -> None:
        """Without the key, refuse a save that adds, moves or changes an event date.

        The real dates are sealed; without the key only the shifted ones are known, so a new or
        changed date could be neither sealed nor shifted consistently. ``stored`` is the shifted
        dates of the revision the save is based on (None for a new case).
        """
        if self._key is not None or self._access is not None:
            return
        if dates.real_dates(case) != (stored or {}):
            raise EncryptionKeyError(
                f"case {case.meta.case_id}: dates of care (ratings, missteps, feedback, supervision "
                f"notes) are stored encrypted and can only be added or changed with the key; open the "
                f"store with the workspace key file (or set CASEKIT_PASSPHRASE)"
            )

    @staticmethod
    def _stored_dates(conn: Connection, case_id: str, revision: int) -> dict[str, str]:
        """The (shifted) event dates in the stored body of ``revision``."""
        r = revisions_table
        content = conn.scalar(select(r.c.content).where(r.c.case_id == case_id, r.c.revision == revision))
        try:
            case = validate_case(json.loads(content), source=f"case {case_id} revision {revision}")
        except (json.JSONDecodeError, TypeError):
            return {}
        return dates.real_dates(case)

    def _check_can_seal(self, case: Case) -> None:
        if self._key is None and self._access is None and not case.identifiers.is_empty():
            raise EncryptionKeyError(
                f"case {case.meta.case_id}: its identifiers cannot be saved without the key; open the store "
                f"with the workspace key file (or set CASEKIT_PASSPHRASE), or clear the identifiers"
            )

    def _stored(
        self,
        conn: Connection,
        case: Case,
        revision: int,
        now: dt.datetime,
        content: str,
        *,
        author: str,
        note: str = "",
    ) -> str:
        """The ``content`` a revision row stores: as given, or in a people-access store the marker,
        the whole case (identifiers and real dates included), the note and the author alias being
        sealed under the case's own key."""
        if self._access is None:
            return content
        body = _content_json(case, now, identifiers=True)
        texts = {"author": author, "note": note}
        return self._access.seal_revision(conn, case.meta.case_id, revision, body, texts)

    def _seal(self, case_id: str, revision: int, case: Case) -> _Sealed:
        """Seal the case's identifiers and its real event dates (nothing to seal: nothing stored)."""
        identifiers = case.identifiers
        when = dates.real_dates(case)
        if self._key is None or (identifiers.is_empty() and not when):
            return _Sealed()
        payload = {
            SEALED_FORMAT: 2,
            "identifiers": None if identifiers.is_empty() else identifiers.model_dump(mode="json"),
            "dates": when,
        }
        plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        nonce, blob = crypto.seal(self._key, plaintext, crypto.identifiers_aad(case_id, revision))
        return _Sealed(nonce, blob, revision)

    def _record(self, row: Any) -> CaseRecord:
        source = f"case {row.case_id} revision {row.revision}"
        if self._access is not None:
            opened = validate_case(self._access.open_revision(self, row.case_id, row.revision), source=source)
            saved = _as_utc(row.saved_at)
            texts = self._access.revision_texts(self, row.case_id, row.revision).get(row.revision, {})
            author = texts.get("author", row.author)
            return CaseRecord(opened, row.revision, saved, author, identifiers_locked=False)
        try:
            data = json.loads(row.content)
        except json.JSONDecodeError:
            raise StoreError(
                f"{source}: the stored content is damaged (not JSON); restore another revision"
            ) from None
        locked = False
        if row.identifiers_blob is not None:
            if self._key is None:
                locked = True
            elif isinstance(data, dict):
                aad = crypto.identifiers_aad(row.case_id, row.sealed_revision)
                plain = crypto.unseal(
                    self._key, bytes(row.identifiers_nonce), bytes(row.identifiers_blob), aad
                )
                if plain is None:
                    raise StoreError(
                        f"{source}: the stored identifiers do not decrypt with this store's key (damaged or "
                        f"moved); restore another revision"
                    )
                opened = json.loads(plain)
                if isinstance(opened, dict) and opened.get(SEALED_FORMAT) == 2:
                    if opened.get("identifiers") is not None:
                        data["identifiers"] = opened["identifiers"]
                    dates.restore(data, opened.get("dates") or {})
                else:  # written before dates were sealed: the identifiers alone
                    data["identifiers"] = opened
        case = validate_case(data, source=source)
        return CaseRecord(
            case=case,
            revision=row.revision,
            saved_at=_as_utc(row.saved_at),
            author=row.author,
            identifiers_locked=locked,
        )

    def _saved(self, case: Case, revision: int, now: dt.datetime, author: str, sealed: _Sealed) -> CaseRecord:
        stored = case.model_copy(deep=True)
        stored.meta.updated = now
        return CaseRecord(
            case=stored,
            revision=revision,
            saved_at=now,
            author=author,
            identifiers_locked=self._key is None and sealed.blob is not None,
        )

    def _not_found(self, case_id: str) -> CaseNotFoundError:
        if not CASE_ID_PATTERN.fullmatch(case_id):
            return CaseNotFoundError(
                f"that is not a case id ({CASE_ID_HELP}); list the cases with `casekit case list`"
            )
        return CaseNotFoundError(
            f"case {case_id}: not in the case store; check the id with `casekit case list`"
        )

    def _exists(self, case_id: str) -> CaseExistsError:
        return CaseExistsError(
            f"case {case_id}: already exists in the case store; choose another case id, or load it and "
            f"save a new revision"
        )


def _content_json(case: Case, updated: dt.datetime, *, identifiers: bool = False) -> str:
    """The case without its identifiers (or with them), as stored; refuses a case larger than a case
    file may be."""
    data = case.model_dump(mode="json", exclude=None if identifiers else {"identifiers"})
    data["meta"]["updated"] = updated.isoformat().replace("+00:00", "Z")
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(content.encode("utf-8")) > MAX_CASE_BYTES:
        raise CaseValidationError(
            f"case {case.meta.case_id}: the case is larger than the {MAX_CASE_BYTES:,} bytes a case may be; "
            f"move long material out of it"
        )
    return content


def _check_access(mode: str) -> str:
    if mode not in ("shared-key", "people"):
        raise ConfigError(f"access: {mode!r} is not a store mode; choose shared-key or people")
    return mode


def _with_identifiers(case: Case, source: Case) -> Case:
    """``case`` with the identifiers of ``source``, validated again (aliases must not hold a name)."""
    data = case.model_dump(mode="json")
    data["identifiers"] = source.identifiers.model_dump(mode="json")
    return validate_case(data, source=f"case {case.meta.case_id}")


def _check_author(author: str) -> str:
    try:
        return check_alias(author)
    except (ValueError, AttributeError) as exc:
        raise CaseValidationError(f"author: {exc}", field="author") from None


def _check_note(note: str) -> str:
    if not isinstance(note, str) or len(note) > MAX_NOTE or "\x00" in note:
        raise CaseValidationError(
            f"note: a revision note is text of at most {MAX_NOTE} characters; shorten it", field="note"
        )
    return note


def _check_revision(value: int, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CaseValidationError(
            f"{field}: a revision is a whole number from 1 (the one you loaded); pass record.revision",
            field=field,
        )
