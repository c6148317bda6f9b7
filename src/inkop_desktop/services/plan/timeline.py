"""Data for the plan's timeline picture: one bar per item with its milestones."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import PlanItem
from inkop_desktop.services.dto import FROZEN


class TimelineBar(BaseModel):
    """One plan item from its start to contract start, with the milestones that are set."""

    model_config = FROZEN
    id: uuid.UUID
    reference: str
    title: str
    status: str
    parties: str
    start: date
    end: date
    milestones: tuple[tuple[str, date], ...]


_MILESTONES = (
    ("Behovsanalys", "needs_analysis_on"),
    ("Annonsering", "advertise_on"),
    ("Tilldelning", "award_on"),
    ("Avtalsstart", "contract_start_on"),
)


def _bar(row: PlanItem) -> TimelineBar | None:
    """A bar, or None when the item has no dates at all."""
    marks = tuple((label, getattr(row, key)) for label, key in _MILESTONES if getattr(row, key))
    dates = [d for _, d in marks] + ([row.planned_start] if row.planned_start else [])
    if not dates:
        return None
    return TimelineBar(
        id=row.id,
        reference=row.reference,
        title=row.title,
        status=row.status,
        parties=row.parties,
        start=min(dates),
        end=max(dates),
        milestones=marks,
    )


def timeline(session: Session, year: int) -> list[TimelineBar]:
    """Bars of every unmerged item of *year* or touching it, sorted by region and start."""
    stmt = select(PlanItem).where(
        PlanItem.merged_into_id.is_(None),
        (PlanItem.year == year)
        | (PlanItem.contract_start_on.between(date(year, 1, 1), date(year, 12, 31))),
    )
    bars = [b for b in (_bar(r) for r in session.execute(stmt).scalars()) if b is not None]
    return sorted(bars, key=lambda b: (b.parties, b.start, b.reference))
