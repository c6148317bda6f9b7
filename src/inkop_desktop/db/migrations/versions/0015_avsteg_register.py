"""avsteg register: source, region and nämnd, follow-up deviation, handling (kommentar, åtgärd, stängd)

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01 22:40:00

Only columns are added (SQLite: ALTER TABLE ADD COLUMN, no rebuild). ``kind`` stays the rule
key. Every existing row was written by the app itself when an act deviated, so it is "auto"
and open; no row is added or removed.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_V8 = importlib.import_module("inkop_desktop.db.migrations.versions.0008_followup_workflow")
PLAIN = (
    sa.Column("source", sa.String(10), server_default="auto", nullable=False),
    sa.Column("region", sa.String(4), server_default="", nullable=False),
    sa.Column("comment", sa.Text(), server_default="", nullable=False),
    sa.Column("action", sa.Text(), server_default="", nullable=False),
    sa.Column("closed_on", sa.Date(), nullable=True),
)
REFERENCES = (
    ("organisation_id", "organisation"),
    ("followup_result_id", "followup_result"),
    ("closed_by_id", "person"),
)


def upgrade() -> None:
    """Add the plain columns and the three references (each with its index)."""
    for column in PLAIN:
        op.add_column("avsteg", column)
    for name, target in REFERENCES:
        _V8._add_reference("avsteg", name, target)


def downgrade() -> None:
    """Drop them again (SQLite rebuilds avsteg, which has no triggers of its own)."""
    for column, _target in REFERENCES:
        op.drop_index(f"ix_avsteg_{column}", table_name="avsteg")
    with op.batch_alter_table("avsteg") as batch_op:
        for name in (*(c for c, _t in REFERENCES), *(c.name for c in PLAIN)):
            batch_op.drop_column(name)
