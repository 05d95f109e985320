"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``casekit_meta``
    Key/value facts about the store: its schema version, the key-derivation salt and a key-check
    token. New features add keys (or tables), never reinterpret old ones.
``casekit_cases``
    One row per case: its head revision and the aliases a listing shows. The only table that is
    updated, and only by a compare-and-swap on ``head_revision``.
``casekit_revisions``
    Every saved revision, append-only (triggers refuse UPDATE, DELETE and TRUNCATE). The primary key
    ``(case_id, revision)`` means two saves on the same base cannot both land. ``content`` is the case
    JSON without identifiers; the identifiers are an AES-GCM blob sealed at ``sealed_revision`` (an
    earlier revision's number when the blob was carried forward by a save without the key).
    ``person`` is who saved it (:func:`casekit.actor.current_person`, never typed; empty for
    revisions saved before it was recorded), beside ``author``, the alias they chose.
``casekit_access_log``
    The audit trail (:mod:`casekit.store.access_log`): who opened, decrypted, changed, exported or
    shared which case, when and from which server. Append-only, and each row carries the SHA-256 of
    itself and the row before, so an edit, a removal or an insertion shows.

``casekit_people``, ``casekit_case_keys``, ``casekit_case_bodies``, ``casekit_shared_snapshots``,
``casekit_snapshot_keys``
    A store in *people access* mode (:mod:`casekit.access`): each person's public key, each case's
    data key wrapped for its owner and supervisor, every revision's whole body sealed with that key,
    and de-identified snapshots shared for a session with their keys wrapped for each member present.
``casekit_revision_texts``, ``casekit_session_keys``
    In people access: each revision's note and author alias sealed with the case's data key (the
    revision row keeps them empty), and each live session's key wrapped for each person present
    (:mod:`casekit.access.revision_texts`, :mod:`casekit.access.session_keys`).

Stores are built and upgraded by the alembic revisions in :mod:`casekit.store.migrations`, not by
``create_all``: a change here needs a new revision there (a test checks the two agree).
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
)

#: The oldest table layout a reader must understand, kept in ``casekit_meta`` for casekit 0.1.0 (which
#: refuses a store whose number is above its own). The layout itself is versioned by the alembic
#: revisions in :mod:`casekit.store.migrations`; raise this number in a revision only when casekit
#: 0.1.0 could no longer read the upgraded tables safely.
STORE_SCHEMA_VERSION = 1

metadata = MetaData()

meta_table = Table(
    "casekit_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

cases_table = Table(
    "casekit_cases",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("head_revision", Integer, nullable=False),
    Column("group_alias", String(100), nullable=True, index=True),
    Column("clinician_alias", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

revisions_table = Table(
    "casekit_revisions",
    metadata,
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), primary_key=True),
    Column("revision", Integer, primary_key=True, autoincrement=False),
    Column("based_on", Integer, nullable=True),
    Column("restored_from", Integer, nullable=True),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("author", String(100), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("content", Text, nullable=False),
    Column("identifiers_nonce", LargeBinary, nullable=True),
    Column("identifiers_blob", LargeBinary, nullable=True),
    Column("sealed_revision", Integer, nullable=True),
    Column("person", String(64), nullable=True),
)

access_log_table = Table(
    "casekit_access_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("person", String(64), nullable=False),
    Column("server", String(255), nullable=False),
    Column("action", String(32), nullable=False),
    Column("case_id", String(64), nullable=True, index=True),
    Column("revision", Integer, nullable=True),
    Column("detail", String(200), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

# ---- people access (casekit.access); rows here are replaced on rotation and removal ----------------
people_table = Table(
    "casekit_people",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("public_key", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("removed_at", DateTime(timezone=True), nullable=True),
    # "approved", "pending" or "refused" (casekit.access.grants); rows from before approval existed
    # were trusted, so they read "approved".
    Column("key_status", String(20), nullable=False, server_default="approved"),
)

case_keys_table = Table(
    "casekit_case_keys",
    metadata,
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), primary_key=True),
    Column("username", String(64), ForeignKey("casekit_people.username"), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("key_version", Integer, nullable=False),
)

case_bodies_table = Table(
    "casekit_case_bodies",
    metadata,
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), primary_key=True),
    Column("revision", Integer, primary_key=True, autoincrement=False),
    Column("key_version", Integer, nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("blob", LargeBinary, nullable=False),
)

shared_snapshots_table = Table(
    "casekit_shared_snapshots",
    metadata,
    Column("snapshot_id", String(32), primary_key=True),
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), nullable=False, index=True),
    Column("session", String(100), nullable=False),
    Column("nonce", LargeBinary, nullable=True),
    Column("blob", LargeBinary, nullable=True),
    Column("shared_by", String(64), nullable=False),
    Column("shared_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# ---- sealed revision texts and session keys (people access) ----------------------------------------
revision_texts_table = Table(
    "casekit_revision_texts",
    metadata,
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), primary_key=True),
    Column("revision", Integer, primary_key=True, autoincrement=False),
    Column("field", String(16), primary_key=True),
    Column("key_version", Integer, nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("blob", LargeBinary, nullable=False),
)

session_keys_table = Table(
    "casekit_session_keys",
    metadata,
    Column("case_id", String(64), ForeignKey("casekit_cases.case_id"), primary_key=True),
    Column("session_date", Date, primary_key=True),
    Column("username", String(64), ForeignKey("casekit_people.username"), primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),
)

snapshot_keys_table = Table(
    "casekit_snapshot_keys",
    metadata,
    Column("snapshot_id", String(32), ForeignKey("casekit_shared_snapshots.snapshot_id"), primary_key=True),
    Column("username", String(64), ForeignKey("casekit_people.username"), primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),
)

_MESSAGE = "casekit revisions are append-only; save a new revision instead"

for _verb in ("UPDATE", "DELETE"):
    event.listen(
        revisions_table,
        "after_create",
        DDL(
            f"CREATE TRIGGER casekit_revisions_no_{_verb.lower()} BEFORE {_verb} ON casekit_revisions "
            f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
        ).execute_if(dialect="sqlite"),
    )

event.listen(
    revisions_table,
    "after_create",
    DDL(
        "CREATE OR REPLACE FUNCTION casekit_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$body$ BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $body$"
    ).execute_if(dialect="postgresql"),
)
event.listen(
    revisions_table,
    "after_create",
    DDL(
        "CREATE TRIGGER casekit_revisions_no_change BEFORE UPDATE OR DELETE ON casekit_revisions "
        "FOR EACH ROW EXECUTE FUNCTION casekit_revisions_append_only()"
    ).execute_if(dialect="postgresql"),
)
event.listen(
    revisions_table,
    "after_create",
    DDL(
        "CREATE TRIGGER casekit_revisions_no_truncate BEFORE TRUNCATE ON casekit_revisions "
        "FOR EACH STATEMENT EXECUTE FUNCTION casekit_revisions_append_only()"
    ).execute_if(dialect="postgresql"),
)
