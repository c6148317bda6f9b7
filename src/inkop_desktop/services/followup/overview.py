"""The follow-up list around the next action: every contract in force or with a plan, one row."""

from __future__ import annotations

import builtins
import uuid
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Date, and_, false, func, literal, or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    Person,
    Supplier,
)
from inkop_desktop.documents.exchange import write
from inkop_desktop.domain.followup.model import ActionStatus
from inkop_desktop.domain.followup.schedule import SOON_DAYS, is_due_soon, is_overdue
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.followup import open_deviations as dev
from inkop_desktop.services.followup.units import Units, load_units
from inkop_desktop.services.listing import ListSpec, run_page

EXPORT_PAGE = 5000
NO_DATE = date(9999, 12, 31)
"""Sort key of a contract without a plan: after the planned ones (its filter finds them)."""


class DueState(StrEnum):
    """Where a contract stands against its next follow-up."""

    UTAN_PLAN = "utan_plan"
    FORSENAD = "forsenad"
    SNART = "snart"
    PLANERAD = "planerad"

    @property
    def label(self) -> str:
        """Swedish label (also the filter's text)."""
        return _STATE_LABELS[self]


_STATE_LABELS = {
    DueState.UTAN_PLAN: "Saknar plan",
    DueState.FORSENAD: "Försenad",
    DueState.SNART: f"Inom {SOON_DAYS} dagar",
    DueState.PLANERAD: "Planerad",
}


def due_state(next_due: date | None, today: date) -> DueState:
    """The state of a plan due on *next_due* (None: no plan) seen on *today*."""
    if next_due is None:
        return DueState.UTAN_PLAN
    if is_overdue(next_due, today):
        return DueState.FORSENAD
    return DueState.SNART if is_due_soon(next_due, today) else DueState.PLANERAD


def due_text(next_due: date | None, today: date) -> str:
    """ "12 dagar sen", "om 5 dagar", "idag" or "Saknar plan"."""
    if next_due is None:
        return DueState.UTAN_PLAN.label
    days = (next_due - today).days
    if days == 0:
        return "idag"
    if days < 0:
        return "1 dag sen" if days == -1 else f"{-days} dagar sen"
    return "om 1 dag" if days == 1 else f"om {days} dagar"


def deviations_text(open_count: int, serious: int) -> str:
    """ "2 öppna (1 allvarlig)", "1 öppen" or "" when none is open."""
    if open_count == 0:
        return ""
    text = "1 öppen" if open_count == 1 else f"{open_count} öppna"
    if serious:
        text += " (1 allvarlig)" if serious == 1 else f" ({serious} allvarliga)"
    return text


class OverviewRow(BaseModel):
    """One contract in the follow-up list, around its next follow-up."""

    model_config = FROZEN
    contract_id: uuid.UUID
    plan_id: uuid.UUID | None
    contract_number: str
    contract_title: str
    suppliers: str
    parties: str
    namnd: str
    risk_tier: str
    next_due: date | None
    last_done: date | None
    responsible: str | None
    open_deviations: int
    serious_deviations: int
    open_actions: int
    state: DueState
    due: str

    @property
    def id(self) -> uuid.UUID:
        """The plan's id, or the contract's where there is no plan (the list's row id)."""
        return self.plan_id or self.contract_id

    @property
    def deviations(self) -> str:
        """The open deviations as text: "2 öppna (1 allvarlig)"."""
        return deviations_text(self.open_deviations, self.serious_deviations)


_OPEN_DEVIATIONS = dev.per_plan(FollowupPlan.id, dev.OPEN)
_SERIOUS = dev.per_plan(FollowupPlan.id, dev.OPEN, dev.SERIOUS)
_OPEN_ACTIONS = (
    select(func.count(FollowupAction.id))
    .join(FollowupResult, FollowupResult.id == FollowupAction.result_id)
    .join(Followup, Followup.id == FollowupResult.followup_id)
    .where(Followup.plan_id == FollowupPlan.id, FollowupAction.status == ActionStatus.OPPEN.value)
    .scalar_subquery()
)
_LAST_DONE = (
    select(func.max(Followup.performed_on))
    .where(Followup.plan_id == FollowupPlan.id, Followup.status == dev.DONE)
    .scalar_subquery()
)
_TIER = func.coalesce(FollowupPlan.risk_tier, Contract.risk_tier)
_NEXT = func.coalesce(FollowupPlan.next_due, literal(NO_DATE, Date))


def _spec(today: date, me: uuid.UUID | None, units: Units) -> ListSpec:
    """Search, filters and sort keys of the list as seen on *today* by the person *me*."""
    soon = today + timedelta(days=SOON_DAYS)
    states = {
        DueState.UTAN_PLAN.value: FollowupPlan.id.is_(None),
        DueState.FORSENAD.value: FollowupPlan.next_due < today,
        DueState.SNART.value: and_(FollowupPlan.next_due >= today, FollowupPlan.next_due <= soon),
        DueState.PLANERAD.value: FollowupPlan.next_due > soon,
    }
    tier = _TIER
    mine = or_(
        FollowupPlan.responsible_id == me, Contract.handlaggare_id == me, Contract.owner_id == me
    )
    return ListSpec(
        sortable={
            "contract_number": Contract.contract_number,
            "next_due": _NEXT,
            "contract_title": Contract.title,
            "parties": Contract.parties,
            "risk_tier": _TIER,
            "due": _NEXT,
            "last_done": _LAST_DONE,
            "responsible": Person.name,
            "deviations": _OPEN_DEVIATIONS,
            "open_actions": _OPEN_ACTIONS,
        },
        searchable=[Contract.title, Contract.contract_number, Person.name],
        default_sort="next_due",
        filters={
            "mine": lambda _v: mine if me is not None else false(),
            "namnd": lambda v: Contract.owner_org_id.in_(units.members(v)),
            "region": lambda v: Contract.parties.in_((v, "BADA")),
            "risk_tier": lambda v: tier == v,
            "state": lambda v: states.get(v, false()),
        },
    )


def _statement(today: date) -> Any:
    """Contracts with a plan that have not ended, and contracts in force without one."""
    return (
        select(
            Contract.id.label("contract_id"),
            FollowupPlan.id.label("plan_id"),
            Contract.contract_number,
            Contract.title.label("contract_title"),
            Contract.parties,
            Contract.owner_org_id,
            _TIER.label("risk_tier"),
            FollowupPlan.next_due,
            _LAST_DONE.label("last_done"),
            Person.name.label("responsible"),
            _OPEN_DEVIATIONS.label("open_deviations"),
            _SERIOUS.label("serious_deviations"),
            _OPEN_ACTIONS.label("open_actions"),
        )
        .outerjoin(FollowupPlan, FollowupPlan.contract_id == Contract.id)
        .outerjoin(Person, Person.id == FollowupPlan.responsible_id)
        .where(Contract.end_date >= today)
        .where(or_(FollowupPlan.id.is_not(None), Contract.start_date <= today))
    )


def _suppliers(session: Session, contract_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The suppliers' names per contract, joined with commas."""
    names: dict[uuid.UUID, list[str]] = {}
    if contract_ids:
        stmt = (
            select(ContractSupplier.contract_id, Supplier.name)
            .join(Supplier, Supplier.id == ContractSupplier.supplier_id)
            .where(ContractSupplier.contract_id.in_(contract_ids))
            .order_by(Supplier.name)
        )
        for contract_id, name in session.execute(stmt):
            names.setdefault(contract_id, []).append(name)
    return {k: ", ".join(v) for k, v in names.items()}


def _row(r: Any, today: date, suppliers: dict[uuid.UUID, str], units: Units) -> OverviewRow:
    """One list row from a result row."""
    return OverviewRow(
        contract_id=r.contract_id,
        plan_id=r.plan_id,
        contract_number=r.contract_number,
        contract_title=r.contract_title,
        suppliers=suppliers.get(r.contract_id, ""),
        parties=r.parties,
        namnd=units.namnd_label(r.owner_org_id),
        risk_tier=r.risk_tier,
        next_due=r.next_due,
        last_done=r.last_done,
        responsible=r.responsible,
        open_deviations=int(r.open_deviations or 0),
        serious_deviations=int(r.serious_deviations or 0) if r.plan_id else 0,
        open_actions=int(r.open_actions or 0),
        state=due_state(r.next_due, today),
        due=due_text(r.next_due, today),
    )


class FollowupOverviewService(Service):
    """The list of contracts around their next follow-up, and its export."""

    def list(self, query: ListQuery, today: date | None = None) -> Page[OverviewRow]:
        """A filtered, sorted page; overdue and due-soon as seen on *today*."""
        day = today or date.today()
        with self._session() as s:
            units = load_units(s)
            me = s.execute(select(Person.id).where(Person.login == self.actor)).scalar()
            rows, total, estimated = run_page(s, _statement(day), _spec(day, me, units), query)
            suppliers = _suppliers(s, [r.contract_id for r in rows])
            found = [_row(r, day, suppliers, units) for r in rows]
        return Page(rows=found, total=total, offset=query.offset, estimated=estimated)

    def namnd_options(self) -> builtins.list[tuple[str, str]]:
        """(id, name) of every nämnd (and region) a contract can belong to, for the filter."""
        with self._session() as s:
            return load_units(s).options()

    def all_rows(self, query: ListQuery, today: date | None = None) -> builtins.list[OverviewRow]:
        """Every row the list shows for *query* (paging ignored), in its order."""
        rows: builtins.list[OverviewRow] = []
        while True:
            page = self.list(
                query.model_copy(update={"offset": len(rows), "limit": EXPORT_PAGE}), today
            )
            rows.extend(page.rows)
            if not page.rows or len(rows) >= page.total:
                return rows

    def export_xlsx(self, query: ListQuery, today: date | None = None) -> bytes:
        """The rows the list shows for *query* (every page) as an Excel workbook."""
        from inkop_desktop.services.followup.report_export import list_table

        return write(list_table(self.all_rows(query, today)), "xlsx")
