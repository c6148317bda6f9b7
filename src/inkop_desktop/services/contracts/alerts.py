"""Bevakning: contracts inside their re-procurement lead time, plan items from them, iCalendar."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from inkop_desktop.db.tables import Contract, ContractOption, Person, PlanItem
from inkop_desktop.domain.contracts.alerts import (
    LEAD_KEYS,
    Alert,
    alert_for,
    deadlines,
    lead_time,
)
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.contracts.terms import OptionInput, add_months, option_schedule
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts.planning import PlanItemCreated, create_plan_item
from inkop_desktop.services.dto import FROZEN

if TYPE_CHECKING:  # the calendar writer (icalendar) is imported when a file is made
    from inkop_desktop.documents.contracts.calendar import CalendarDeadline

Owner = aliased(Person)
Officer = aliased(Person)
NearOption = aliased(ContractOption)
MARGIN = timedelta(days=31)


class ContractAlert(BaseModel):
    """A contract whose end or option deadline lies within its re-procurement lead time."""

    model_config = FROZEN
    contract_id: uuid.UUID
    contract_number: str
    title: str
    owner: str | None
    handlaggare: str | None
    total_value_ore: int
    event: str
    event_date: date
    start_by: date
    late: bool
    lead_months: int
    procedure: str
    text: str
    note: str
    plan_item_id: uuid.UUID | None
    plan_reference: str | None

    @property
    def start_by_text(self) -> str:
        """``2026-01-15`` or ``2025-11-26 (försenad)``."""
        return f"{self.start_by.isoformat()} (försenad)" if self.late else self.start_by.isoformat()


def _candidates(horizon: date, today: date) -> Any:
    """Contracts (not call-offs) still running whose end or open option deadline is near."""
    near_option = exists(
        select(NearOption.id).where(
            NearOption.contract_id == Contract.id,
            NearOption.decision == OptionDecision.EJ_BESLUTAD.value,
            NearOption.decision_deadline >= today - MARGIN,
            NearOption.decision_deadline <= horizon + MARGIN,
        )
    )
    return (
        (Contract.end_date >= today)
        & Contract.framework_id.is_(None)
        & (Contract.procedure != Procedure.AVROP.value)
        & ((Contract.end_date <= horizon) | near_option)
    )


def options_by_contract(session: Session, where: Any) -> dict[uuid.UUID, list[OptionInput]]:
    """Stored options (length and decision) of the contracts matching *where*."""
    stmt = (
        select(ContractOption.contract_id, ContractOption.months, ContractOption.decision)
        .join(Contract, Contract.id == ContractOption.contract_id)
        .where(where)
        .order_by(ContractOption.contract_id, ContractOption.ordinal)
    )
    found: dict[uuid.UUID, list[OptionInput]] = defaultdict(list)
    for cid, months, decision in session.execute(stmt):
        found[cid].append(OptionInput(months=months, decision=OptionDecision(decision)))
    return found


def _plans(session: Session, where: Any) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
    """The plan item (not cancelled) replacing each contract matching *where*."""
    stmt = (
        select(PlanItem.replaces_contract_id, PlanItem.id, PlanItem.reference)
        .join(Contract, Contract.id == PlanItem.replaces_contract_id)
        .where(where, PlanItem.status != PlanStatus.AVBRUTEN.value)
        .order_by(PlanItem.reference)
    )
    return {cid: (pid, ref) for cid, pid, ref in session.execute(stmt) if cid is not None}


def contract_rows(session: Session, where: Any) -> list[Any]:
    """The contract columns the alerts and the calendar need, with the people's names."""
    stmt = (
        select(
            Contract.id,
            Contract.contract_number,
            Contract.title,
            Contract.cpv,
            Contract.end_date,
            Contract.notice_months,
            Contract.total_value_ore,
            Owner.name.label("owner"),
            Officer.name.label("handlaggare"),
        )
        .outerjoin(Owner, Owner.id == Contract.owner_id)
        .outerjoin(Officer, Officer.id == Contract.handlaggare_id)
        .where(where)
        .order_by(Contract.end_date, Contract.contract_number)
    )
    return list(session.execute(stmt))


def _alert_dto(row: Any, alert: Alert, plan: tuple[uuid.UUID, str] | None, today: date) -> Any:
    """The list line of one alert."""
    return ContractAlert(
        contract_id=row.id,
        contract_number=row.contract_number,
        title=row.title,
        owner=row.owner,
        handlaggare=row.handlaggare,
        total_value_ore=row.total_value_ore,
        event=alert.deadline.label,
        event_date=alert.deadline.day,
        start_by=alert.start_by,
        late=alert.is_late(today),
        lead_months=alert.lead.months,
        procedure=alert.lead.procedure_text,
        text=alert.text(today),
        note=alert.lead.note or "",
        plan_item_id=plan[0] if plan else None,
        plan_reference=plan[1] if plan else None,
    )


class ContractAlertService(Service):
    """Alerts, suggestions, plan items raised from alerts and the deadline calendar."""

    def _table(self) -> ReferenceTable:
        """The dated reference values (thresholds and lead times)."""
        return ReferenceService(self._ctx).table()

    def alerts(self, today: date | None = None) -> list[ContractAlert]:
        """Contracts inside their lead time, nearest start first, with any plan item."""
        day = today or date.today()
        table = self._table()
        longest = max(
            (v.amount for k in LEAD_KEYS.values() if (v := table.find(k, day))), default=0
        )
        where = _candidates(add_months(day, longest), day)
        found = []
        with self._session() as s:
            options = options_by_contract(s, where)
            plans = _plans(s, where)
            for row in contract_rows(s, where):
                lead = lead_time(Money(row.total_value_ore), row.cpv, table, day)
                terms = option_schedule(row.end_date, row.notice_months, options.get(row.id, []))
                alert = alert_for(row.end_date, row.notice_months, terms, lead, day)
                if alert is not None:
                    found.append(_alert_dto(row, alert, plans.get(row.id), day))
        return sorted(found, key=lambda a: (a.start_by, a.contract_number))

    def suggestions(self, today: date | None = None) -> list[ContractAlert]:
        """Alerts for contracts that no plan item replaces yet."""
        return [a for a in self.alerts(today) if a.plan_item_id is None]

    def create_plan_item(
        self, contract_id: uuid.UUID, today: date | None = None
    ) -> PlanItemCreated:
        """Raise a "planerad" plan item that replaces the contract ("Skapa planpost")."""
        day = today or date.today()
        table = self._table()
        with self._session() as s:
            self._require(s, Act.PLAN_CREATE)
            return create_plan_item(s, contract_id, table, day)

    def calendar(self, today: date | None = None, months: int = 24) -> bytes:
        """Every end date, open option deadline and notice date in the next *months* as .ics."""
        day = today or date.today()
        horizon = add_months(day, months)
        where = Contract.end_date >= day
        with self._session() as s:
            options = options_by_contract(s, where)
            items = [
                item
                for row in contract_rows(s, where)
                for item in _calendar_items(row, options.get(row.id, []))
                if day <= item.day <= horizon
            ]
        from inkop_desktop.documents.contracts.calendar import deadlines_ics

        return deadlines_ics(items, datetime.now(UTC))


def _calendar_items(row: Any, options: list[OptionInput]) -> Iterable[CalendarDeadline]:
    """The deadlines of one contract as calendar entries."""
    from inkop_desktop.documents.contracts.calendar import CalendarDeadline

    terms = option_schedule(row.end_date, row.notice_months, options)
    people = [
        f"Handläggare: {row.handlaggare or 'saknas'}",
        f"Avtalsägare: {row.owner or 'saknas'}",
    ]
    for deadline in deadlines(row.end_date, row.notice_months, terms):
        yield CalendarDeadline(
            key=f"avtal-{row.id}-{deadline.kind.value}-{deadline.ordinal}",
            day=deadline.day,
            summary=f"{deadline.label}: {row.contract_number} {row.title}",
            description="\n".join(
                [
                    f"Avtal {row.contract_number}: {row.title}",
                    f"Avtalet löper ut {row.end_date.isoformat()}.",
                    *people,
                ]
            ),
        )
