"""Approval of newly registered personal keys.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

* ``key_status`` on ``casekit_people``: ``approved``, ``pending`` or ``refused``
  (:mod:`casekit.access.grants`). People registered before this revision were trusted on their
  first login, so they read ``approved``; a key registered from now on waits for the privacy lead.

The definition is a frozen copy, not an import of the live table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``key_status`` to the people table (existing people read ``approved``)."""
    op.add_column(
        "casekit_people",
        sa.Column("key_status", sa.String(20), nullable=False, server_default="approved"),
    )


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
