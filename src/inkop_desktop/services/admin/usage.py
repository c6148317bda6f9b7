"""Where a record is still used: every foreign key that points at it, counted per table."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Base

TABLE_LABELS = {
    "organisation": "underordnade organisationer",
    "person": "personer",
    "person_role": "roller",
    "delegation_rule": "delegationsregler",
    "direct_award": "direktupphandlingar",
    "plan_item": "poster i upphandlingsplanen",
    "plan_item_party": "parter i upphandlingsplanen",
    "contract": "avtal",
    "participant": "deltagare i upphandlingar",
    "jav_declaration": "jävsdeklarationer",
    "jav_assessment": "jävsbedömningar",
    "avsteg": "rapporterade avsteg",
    "followup": "avtalsuppföljningar",
    "followup_plan": "uppföljningsplaner",
    "followup_action": "åtgärder i uppföljningar",
    "followup_contact": "poster i leverantörskontaktloggen",
    "followup_result": "bedömningar i uppföljningar",
}


def uses(
    session: Session, table: str, row_id: uuid.UUID, skip: Collection[str] = ()
) -> dict[str, int]:
    """Rows per referring table (Swedish label) that point at *row_id* of *table*."""
    found: dict[str, int] = {}
    for other in Base.metadata.sorted_tables:
        if other.name in skip:
            continue
        for fk in other.foreign_keys:
            if fk.column.table.name != table or fk.parent.table is not other:
                continue
            count = session.scalar(
                select(func.count()).select_from(other).where(fk.parent == row_id)
            )
            if count:
                label = TABLE_LABELS.get(other.name, "andra poster")
                found[label] = found.get(label, 0) + int(count)
    return found


def describe(found: dict[str, int]) -> str:
    """``delegationsregler (1), personer (3)`` for a message."""
    return ", ".join(f"{label} ({n})" for label, n in sorted(found.items()))
