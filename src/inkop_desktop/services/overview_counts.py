"""The navigation's badges: how much waits in each area, counted without loading the lists."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import extract, func, select

from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    DirectAward,
    FollowupPlan,
    Person,
    PlanItem,
)
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts import ContractAlertService
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.jav import JavService

AVSTEG_KINDS = {
    "lagre_forfarande": "Lägre förfarande än värdet kräver",
    "befintligt_avtal": "Inköp utanför gällande avtal",
    "farre_anbud": "Färre offerter än riktlinjen kräver",
}
"""The Swedish names of the recorded kinds of avsteg (unknown kinds are shown as stored)."""


class OverviewCounts(BaseModel):
    """What waits, as the navigation shows it ("Försenade uppföljningar 49")."""

    model_config = FROZEN
    bevakningar: int
    forsenade_uppfoljningar: int
    mina_deklarationer: int
    att_bedoma: int
    avsteg: int


class AvstegRow(BaseModel):
    """One recorded deviation from the policy, for the year's list."""

    model_config = FROZEN
    id: uuid.UUID
    reported_on: date
    kind: str
    reason: str
    reported_by: str | None
    record: str


class OverviewCountService(Service):
    """Counts for the navigation; each number is what the area's own list or queue shows."""

    def counts(self, today: date | None = None) -> OverviewCounts:
        """Bevakningar, overdue follow-ups, own open declarations, the queue, this year's avsteg."""
        day = today or date.today()
        jav = JavService(self._ctx)
        with self._session() as s:
            overdue = s.scalar(
                select(func.count(FollowupPlan.id))
                .join(Contract, Contract.id == FollowupPlan.contract_id)
                .where(FollowupPlan.next_due < day, Contract.end_date >= day)
            )
            avsteg = s.scalar(
                select(func.count(Avsteg.id)).where(extract("year", Avsteg.reported_on) == day.year)
            )
        return OverviewCounts(
            bevakningar=len(ContractAlertService(self._ctx).alerts(day)),
            forsenade_uppfoljningar=int(overdue or 0),
            mina_deklarationer=len(jav.my_declarations()),
            att_bedoma=len(jav.assessment_queue()),
            avsteg=int(avsteg or 0),
        )

    def avsteg(self, year: int) -> list[AvstegRow]:
        """The avsteg reported in *year*, newest first, with the record they belong to."""
        stmt = (
            select(
                Avsteg.id,
                Avsteg.reported_on,
                Avsteg.kind,
                Avsteg.reason,
                Person.name.label("reported_by"),
                func.coalesce(
                    PlanItem.reference, Contract.contract_number, DirectAward.diarienummer, ""
                ).label("record"),
            )
            .outerjoin(Person, Person.id == Avsteg.reported_by_id)
            .outerjoin(PlanItem, PlanItem.id == Avsteg.plan_item_id)
            .outerjoin(Contract, Contract.id == Avsteg.contract_id)
            .outerjoin(DirectAward, DirectAward.id == Avsteg.direct_award_id)
            .where(extract("year", Avsteg.reported_on) == year)
            .order_by(Avsteg.reported_on.desc(), Avsteg.id)
        )
        with self._session() as s:
            return [
                AvstegRow(
                    id=r.id,
                    reported_on=r.reported_on,
                    kind=AVSTEG_KINDS.get(r.kind, r.kind),
                    reason=r.reason,
                    reported_by=r.reported_by,
                    record=r.record,
                )
                for r in s.execute(stmt)
            ]
