"""Sealed revision texts and live-session keys (people access).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

* ``casekit_revision_texts``: in a people-access store, each revision's note and author alias sealed
  with the case's data key (:mod:`casekit.access.revision_texts`); the revision row keeps them empty.
* ``casekit_session_keys``: each live session's key wrapped for each person present
  (:mod:`casekit.access.session_keys`); the session's events are sealed with it.

Stores made before this revision keep their readable notes and session events, which still read as
before. The definitions are a frozen copy, not an import of the live tables, so later changes there
cannot change what this revision means.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the sealed revision texts and the session keys."""
    op.create_table(
        "casekit_revision_texts",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("field", sa.String(16), primary_key=True),
        sa.Column("key_version", sa.Integer, nullable=False),
        sa.Column("nonce", sa.LargeBinary, nullable=False),
        sa.Column("blob", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "casekit_session_keys",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), primary_key=True),
        sa.Column("session_date", sa.Date, primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("casekit_people.username"), primary_key=True),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
