"""People access: per-person public keys, per-case data keys, sealed bodies and shared snapshots.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Adds the tables of :mod:`casekit.access` (a store in *people access* mode). A store made before
this revision keeps its shared-key mode and simply has the new tables empty. The definitions are a
frozen copy, not an import of :mod:`casekit.store.tables`, so later changes there cannot change what
this revision means.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the five people-access tables."""
    op.create_table(
        "casekit_people",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "casekit_case_keys",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("casekit_people.username"), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
        sa.Column("key_version", sa.Integer, nullable=False),
    )
    op.create_table(
        "casekit_case_bodies",
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("key_version", sa.Integer, nullable=False),
        sa.Column("nonce", sa.LargeBinary, nullable=False),
        sa.Column("blob", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "casekit_shared_snapshots",
        sa.Column("snapshot_id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(64), sa.ForeignKey("casekit_cases.case_id"), nullable=False),
        sa.Column("session", sa.String(100), nullable=False),
        sa.Column("nonce", sa.LargeBinary, nullable=True),
        sa.Column("blob", sa.LargeBinary, nullable=True),
        sa.Column("shared_by", sa.String(64), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_casekit_shared_snapshots_case_id", "casekit_shared_snapshots", ["case_id"])
    op.create_table(
        "casekit_snapshot_keys",
        sa.Column(
            "snapshot_id",
            sa.String(32),
            sa.ForeignKey("casekit_shared_snapshots.snapshot_id"),
            primary_key=True,
        ),
        sa.Column("username", sa.String(64), sa.ForeignKey("casekit_people.username"), primary_key=True),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
