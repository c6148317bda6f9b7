"""The navigation's badges: how much waits in each area, counted without loading the lists."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import func, select

from inkop_desktop.db.tables import Contract, FollowupPlan
from inkop_desktop.services.avsteg import AvstegService
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts import ContractAlertService
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.jav import JavService


class OverviewCounts(BaseModel):
    """What waits, as the navigation shows it ("Försenade uppföljningar 49")."""

    model_config = FROZEN
    bevakningar: int
    forsenade_uppfoljningar: int
    mina_deklarationer: int
    att_bedoma: int
    avsteg: int


class OverviewCountService(Service):
    """Counts for the navigation; each number is what the area's own list or queue shows."""

    def counts(self, today: date | None = None) -> OverviewCounts:
        """Bevakningar, overdue follow-ups, own open declarations, the queue, open avsteg."""
        day = today or date.today()
        jav = JavService(self._ctx)
        with self._session() as s:
            overdue = s.scalar(
                select(func.count(FollowupPlan.id))
                .join(Contract, Contract.id == FollowupPlan.contract_id)
                .where(FollowupPlan.next_due < day, Contract.end_date >= day)
            )
        return OverviewCounts(
            bevakningar=len(ContractAlertService(self._ctx).alerts(day)),
            forsenade_uppfoljningar=int(overdue or 0),
            mina_deklarationer=len(jav.my_declarations()),
            att_bedoma=len(jav.assessment_queue()),
            avsteg=AvstegService(self._ctx).open_count(),
        )
