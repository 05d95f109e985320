"""The audit trail and the person behind each revision and session event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

* ``casekit_access_log``: an append-only, hash-chained log of who opened, decrypted, changed,
  exported or shared which case (:mod:`casekit.store.access_log`); triggers refuse UPDATE, DELETE and
  (PostgreSQL) TRUNCATE.
* ``person`` on ``casekit_revisions`` and ``casekit_session_events``: the acting person
  (:func:`casekit.actor.current_person`), empty for rows written before this revision.

The definitions are a frozen copy, not an import of the live tables, so later changes there cannot
change what this revision means.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TABLE = "casekit_access_log"
_MESSAGE = "the casekit access log is append-only; nothing in it can be changed or removed"
_FUNCTION = "casekit_access_log_append_only"


def _append_only() -> None:
    """Triggers that refuse changing or removing rows of the access log."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_no_{verb.lower()} BEFORE {verb} ON {_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )
        return
    op.execute(
        f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$body$ BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $body$"
    )
    op.execute(
        f"CREATE TRIGGER {_TABLE}_no_change BEFORE UPDATE OR DELETE ON {_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
    )
    op.execute(
        f"CREATE TRIGGER {_TABLE}_no_truncate BEFORE TRUNCATE ON {_TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"
    )


def upgrade() -> None:
    """Create the access log and add ``person`` to revisions and session events."""
    op.create_table(
        _TABLE,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person", sa.String(64), nullable=False),
        sa.Column("server", sa.String(255), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("revision", sa.Integer, nullable=True),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index(f"ix_{_TABLE}_case_id", _TABLE, ["case_id"])
    _append_only()
    # Adding a nullable column rewrites no row, so the append-only triggers are not involved.
    op.add_column("casekit_revisions", sa.Column("person", sa.String(64), nullable=True))
    op.add_column("casekit_session_events", sa.Column("person", sa.String(64), nullable=True))


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
