"""Index every foreign-key column (joins, "used by" checks and deletes never scan a table).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, column) of the foreign keys that led no index at 0005; db/indexes.py adds the same
# indexes to the models, and tests/db/test_indexes.py keeps every later foreign key indexed.
FOREIGN_KEYS = (
    ("organisation", "parent_id"),
    ("followup_template_item", "template_id"),
    ("person", "organisation_id"),
    ("supplier_contact", "supplier_id"),
    ("contract", "owner_org_id"),
    ("contract", "framework_id"),
    ("delegation_rule", "organisation_id"),
    ("delegation_rule", "person_id"),
    ("person_role", "organisation_id"),
    ("contract_amendment", "contract_id"),
    ("contract_option", "contract_id"),
    ("direct_award", "existing_contract_id"),
    ("direct_award", "chosen_supplier_id"),
    ("direct_award", "delegation_rule_id"),
    ("direct_award", "signed_by_id"),
    ("direct_award", "decision_maker_id"),
    ("direct_award", "requester_id"),
    ("direct_award", "organisation_id"),
    ("direct_award", "supersedes_id"),
    ("followup_plan", "responsible_id"),
    ("followup_plan", "template_id"),
    ("plan_item", "requested_by_id"),
    ("plan_item", "merged_into_id"),
    ("plan_item", "responsible_id"),
    ("plan_item", "replaces_contract_id"),
    ("avsteg", "direct_award_id"),
    ("avsteg", "reported_by_id"),
    ("avsteg", "contract_id"),
    ("avsteg", "plan_item_id"),
    ("followup", "performed_by_id"),
    ("followup", "plan_id"),
    ("plan_item_bidder", "supplier_id"),
    ("plan_item_party", "organisation_id"),
    ("quote", "supplier_id"),
    ("followup_result", "followup_id"),
    ("jav_declaration", "supersedes_id"),
    ("followup_action", "result_id"),
    ("followup_action", "owner_id"),
    ("jav_assessment", "interest_id"),
    ("jav_assessment", "assessor_id"),
)


def upgrade() -> None:
    """Create one index per foreign-key column."""
    for table, column in FOREIGN_KEYS:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    """Drop the indexes again."""
    for table, column in FOREIGN_KEYS:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
