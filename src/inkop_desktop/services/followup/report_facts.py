"""What the follow-up reports are computed from, read in a few plain queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    Supplier,
)
from inkop_desktop.domain.followup.model import ActionStatus
from inkop_desktop.services.followup import open_deviations as dev
from inkop_desktop.services.followup.units import Units, load_units

NO_SANCTION = ("", "ingen")


@dataclass(frozen=True)
class ContractFact:
    """A contract in force or with a plan, with its plan's next due date."""

    id: uuid.UUID
    parties: str
    owner_org_id: uuid.UUID | None
    suppliers: tuple[str, ...]
    plan_id: uuid.UUID | None
    next_due: date | None
    in_scope: bool
    """Not ended, and in force or planned: the list shows it."""


@dataclass(frozen=True)
class DoneFact:
    """A completed follow-up of a contract."""

    contract_id: uuid.UUID
    due_on: date
    performed_on: date


@dataclass(frozen=True)
class DeviationFact:
    """A deviation found at a completed follow-up, and what became of it."""

    contract_id: uuid.UUID
    category: str
    serious: bool
    found_on: date
    open: bool
    closed_on: date | None
    open_actions: int
    sanctions: int

    def open_on(self, day: date) -> bool:
        """Whether the deviation was open at the end of *day*."""
        if self.found_on > day:
            return False
        return self.open or self.closed_on is None or self.closed_on > day


@dataclass(frozen=True)
class Facts:
    """Everything the reports need, as seen on *today*."""

    today: date
    contracts: dict[uuid.UUID, ContractFact]
    done: tuple[DoneFact, ...]
    deviations: tuple[DeviationFact, ...]
    units: Units


def _suppliers(session: Session) -> dict[uuid.UUID, tuple[str, ...]]:
    """Every contract's suppliers as "Name (orgnr)"."""
    found: dict[uuid.UUID, list[str]] = {}
    stmt = select(ContractSupplier.contract_id, Supplier.name, Supplier.orgnr).join(
        Supplier, Supplier.id == ContractSupplier.supplier_id
    )
    for contract_id, name, orgnr in session.execute(stmt):
        found.setdefault(contract_id, []).append(f"{name} ({orgnr})")
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _contracts(session: Session, today: date) -> dict[uuid.UUID, ContractFact]:
    """Contracts with a plan (ended ones too: their follow-ups were done) or in force."""
    stmt = (
        select(
            Contract.id,
            Contract.parties,
            Contract.owner_org_id,
            Contract.start_date,
            Contract.end_date,
            FollowupPlan.id.label("plan_id"),
            FollowupPlan.next_due,
        )
        .outerjoin(FollowupPlan, FollowupPlan.contract_id == Contract.id)
        .where(or_(FollowupPlan.id.is_not(None), Contract.end_date >= today))
    )
    suppliers = _suppliers(session)
    facts = {}
    for r in session.execute(stmt):
        in_scope = r.end_date >= today and (r.plan_id is not None or r.start_date <= today)
        if r.plan_id is None and not in_scope:
            continue  # starts later without a plan: nothing to follow up yet
        facts[r.id] = ContractFact(
            r.id,
            r.parties,
            r.owner_org_id,
            suppliers.get(r.id, ()),
            r.plan_id,
            r.next_due,
            in_scope,
        )
    return facts


def _done(session: Session) -> tuple[DoneFact, ...]:
    """Every completed follow-up."""
    stmt = (
        select(FollowupPlan.contract_id, Followup.due_on, Followup.performed_on)
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .where(Followup.status == dev.DONE, Followup.performed_on.is_not(None))
    )
    return tuple(DoneFact(c, d, p) for c, d, p in session.execute(stmt) if p is not None)


def _actions(session: Session) -> dict[uuid.UUID, list[tuple[str, date | None, str]]]:
    """(status, closed on, sanction) of the actions on each result."""
    found: dict[uuid.UUID, list[tuple[str, date | None, str]]] = {}
    stmt = select(
        FollowupAction.result_id,
        FollowupAction.status,
        FollowupAction.closed_on,
        FollowupAction.sanction,
    )
    for result_id, status, closed_on, sanction in session.execute(stmt):
        found.setdefault(result_id, []).append((status, closed_on, sanction))
    return found


def _deviation(row: object, actions: list[tuple[str, date | None, str]]) -> DeviationFact:
    """A deviation from its result row and its actions."""
    still = [a for a in actions if a[0] == ActionStatus.OPPEN.value]
    closed = [a[1] for a in actions if a[0] != ActionStatus.OPPEN.value and a[1] is not None]
    is_open = not actions or bool(still)
    return DeviationFact(
        contract_id=row.contract_id,  # type: ignore[attr-defined]
        category=row.category,  # type: ignore[attr-defined]
        serious=bool(row.serious),  # type: ignore[attr-defined]
        found_on=row.performed_on,  # type: ignore[attr-defined]
        open=is_open,
        closed_on=None if is_open else max(closed, default=None),
        open_actions=len(still),
        sanctions=sum(1 for a in actions if a[2].strip().lower() not in NO_SANCTION),
    )


def _deviations(session: Session) -> tuple[DeviationFact, ...]:
    """Every deviation found at a completed follow-up."""
    stmt = (
        select(
            FollowupResult.id,
            FollowupPlan.contract_id,
            FollowupResult.category,
            FollowupResult.serious,
            Followup.performed_on,
        )
        .join(Followup, Followup.id == FollowupResult.followup_id)
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .where(dev.DEVIATION)
    )
    actions = _actions(session)
    return tuple(_deviation(r, actions.get(r.id, [])) for r in session.execute(stmt))


def load_facts(session: Session, today: date) -> Facts:
    """Read the facts of every report in one transaction."""
    return Facts(
        today=today,
        contracts=_contracts(session, today),
        done=_done(session),
        deviations=_deviations(session),
        units=load_units(session),
    )
