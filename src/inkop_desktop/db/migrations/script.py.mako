"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}

# The upgrade runs in one transaction and fails if any existing table ends with another row
# count. A migration that changes counts on purpose says so here (rare), e.g.
# ROW_COUNT_CHANGES = {"old_table": "merged into new_table"}.  New tables need no entry.
# A trigger that disappears fails it too (a SQLite batch rebuild drops the table's triggers:
# create them again); one removed on purpose is named in DROPPED_TRIGGERS = {"trg_x": "why"}.


def upgrade() -> None:
    """Apply this migration."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """Revert this migration."""
    ${downgrades if downgrades else "pass"}
