"""Baseline: the tables of casekit 0.1.0, the last release before store migrations.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

A new store gets every table here. A store written by casekit 0.1.0 (which has these tables but no
version table) is recognised as this revision: tables it already has are left exactly as they are,
and the one it may lack (``casekit_session_events``, made on a store's first live session) is
created, so every store at this revision has the same tables. The definitions are a frozen copy of
0.1.0's, not an import of the live ones, so later changes to ``casekit.store.tables`` cannot change
what this revision means.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_REVISIONS_MESSAGE = "casekit revisions are append-only; save a new revision instead"
_EVENTS_MESSAGE = "casekit session events are append-only; add a new event instead"


def _append_only(table: str, message: str, function: str) -> None:
    """Triggers that refuse UPDATE and DELETE (and on PostgreSQL TRUNCATE) on ``table``."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        return
    op.execute(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$body$ BEGIN RAISE EXCEPTION '{message}'; END $body$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def _meta() -> None:
    op.create_table(
        "casekit_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def _cases() -> None:
    op.create_table(
        "casekit_cases",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("head_revision", sa.Integer, nullable=False),
        sa.Column("group_alias", sa.String(100), nullable=True),
        sa.Column("clinician_alias", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_casekit_cases_group_alias", "casekit_cases", ["group_alias"])


def _revisions() -> None:
    op.create_table(
        "casekit_revisions",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("based_on", sa.Integer, nullable=True),
        sa.Column("restored_from", sa.Integer, nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("identifiers_nonce", sa.LargeBinary, nullable=True),
        sa.Column("identifiers_blob", sa.LargeBinary, nullable=True),
        sa.Column("sealed_revision", sa.Integer, nullable=True),
    )
    _append_only("casekit_revisions", _REVISIONS_MESSAGE, "casekit_revisions_append_only")


def _session_events() -> None:
    op.create_table(
        "casekit_session_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_uuid", sa.String(32), nullable=False, unique=True),
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), nullable=False),
        sa.Column("session_date", sa.Date, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.UniqueConstraint("case_id", "session_date", "seq", name="casekit_session_events_order"),
    )
    _append_only("casekit_session_events", _EVENTS_MESSAGE, "casekit_session_events_append_only")


def upgrade() -> None:
    """Create each 0.1.0 table the store does not have yet (all of them in a new store)."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in (
        ("casekit_meta", _meta),
        ("casekit_cases", _cases),
        ("casekit_revisions", _revisions),
        ("casekit_session_events", _session_events),
    ):
        if name not in existing:
            create()


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
