"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Write the upgrade by hand with ``op`` (never import casekit's live tables: a revision is a frozen
snapshot), keep it to one transaction, and add a test that an older store upgrades (tests/store).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade() -> None:
    """${message}."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """casekit never downgrades a store: restore the backup taken before the upgrade instead."""
    raise NotImplementedError("restore the backup taken by `casekit store upgrade`")
