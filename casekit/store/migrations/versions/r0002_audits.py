"""Self-assessment audits move into the store: ``casekit_audits``, append-only like case revisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

One row per saved revision of one audit date. The primary key ``(audit_date, revision)`` means two
saves on the same base cannot both land. The definition is a frozen copy, not an import of
:mod:`casekit.store.audits`, so later changes there cannot change what this revision means.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_MESSAGE = "casekit audit revisions are append-only; save a new revision instead"
_TABLE = "casekit_audits"
_FUNCTION = "casekit_audits_append_only"


def upgrade() -> None:
    """Create ``casekit_audits`` and the triggers that refuse changing or removing its rows."""
    op.create_table(
        _TABLE,
        sa.Column("audit_date", sa.Date, primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("based_on", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
    )
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


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
