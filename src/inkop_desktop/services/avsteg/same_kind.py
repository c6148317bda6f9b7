"""Which signed direct awards stood past the same-kind limit on their decision date."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DirectAward
from inkop_desktop.domain.direct_award.same_kind import AwardRef, SameKindTotal, same_kind_totals
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.reference import ReferenceTable


def _ref(row: DirectAward) -> AwardRef:
    """The aggregation view of a row."""
    return AwardRef(
        id=row.id, diarienummer=row.diarienummer, title=row.title, parties=Parties(row.region),
        same_kind_key=row.same_kind_key, value_ore=row.value_ore, award_date=row.award_date,
        status=AwardStatus(row.status), supersedes_id=row.supersedes_id, signed_at=row.signed_at,
    )  # fmt: skip


def award_totals(
    session: Session, awards: Iterable[DirectAward], table: ReferenceTable
) -> dict[uuid.UUID, list[SameKindTotal]]:
    """Each award's same-kind totals per authority, against the limit of its decision date."""
    mine = list(awards)
    keys = {a.same_kind_key for a in mine}
    if not keys:
        return {}
    pool = [
        _ref(r)
        for r in session.execute(
            select(DirectAward).where(DirectAward.same_kind_key.in_(keys))
        ).scalars()
    ]
    return {a.id: same_kind_totals(_ref(a), pool, table) for a in mine}


def reached_awards(
    session: Session, signed: Iterable[DirectAward], table: ReferenceTable
) -> set[uuid.UUID]:
    """The ids of *signed* awards whose same-kind total reached the limit (19 a kap. 3 §)."""
    mine = [a for a in signed if a.status == AwardStatus.SIGNERAD.value]
    totals = award_totals(session, mine, table)
    return {a for a, each in totals.items() if any(t.reached for t in each)}
