"""Pick lists for the contract editor: avtalsägare, handläggare, suppliers and frameworks."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, Organisation, Person, PersonRole, Supplier
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.dto import FROZEN

FRAMEWORK_GRACE = timedelta(days=365)


class Choice(BaseModel):
    """An id and the text shown for it."""

    model_config = FROZEN
    id: uuid.UUID
    text: str


class ContractChoices(BaseModel):
    """Everything the editor's drop-downs offer."""

    model_config = FROZEN
    owners: tuple[Choice, ...]
    officers: tuple[Choice, ...]
    suppliers: tuple[Choice, ...]
    frameworks: tuple[Choice, ...]


def _people(session: Session, role: Role, keep: set[uuid.UUID]) -> tuple[Choice, ...]:
    """Active people holding *role* (everyone if nobody does), plus the ones already chosen."""
    stmt = (
        select(Person.id, Person.name, Organisation.name.label("org"))
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .order_by(Person.name)
    )
    holders = select(PersonRole.person_id).where(PersonRole.role == role.value)
    rows = list(session.execute(stmt.where(Person.active.is_(True), Person.id.in_(holders))))
    if not rows:
        rows = list(session.execute(stmt.where(Person.active.is_(True))))
    missing = keep - {r.id for r in rows}
    if missing:
        rows += session.execute(stmt.where(Person.id.in_(missing))).all()
    return tuple(Choice(id=r.id, text=f"{r.name} ({r.org})" if r.org else r.name) for r in rows)


def _suppliers(session: Session) -> tuple[Choice, ...]:
    """Every supplier as ``Name (orgnr)``."""
    stmt = select(Supplier.id, Supplier.name, Supplier.orgnr).order_by(Supplier.name)
    return tuple(Choice(id=r.id, text=f"{r.name} ({r.orgnr})") for r in session.execute(stmt))


def _frameworks(session: Session, today: date, keep: uuid.UUID | None) -> tuple[Choice, ...]:
    """Framework agreements in force (or ended within a year), plus the one already linked."""
    recent = Contract.is_framework.is_(True) & (Contract.end_date >= today - FRAMEWORK_GRACE)
    where = recent if keep is None else or_(recent, Contract.id == keep)
    stmt = (
        select(Contract.id, Contract.contract_number, Contract.title)
        .where(where)
        .order_by(Contract.contract_number)
    )
    return tuple(
        Choice(id=r.id, text=f"{r.contract_number} {r.title}") for r in session.execute(stmt)
    )


def load_choices(
    session: Session,
    today: date,
    owner: uuid.UUID | None = None,
    officer: uuid.UUID | None = None,
    framework: uuid.UUID | None = None,
) -> ContractChoices:
    """The pick lists; people already chosen stay in the lists even without the role."""
    return ContractChoices(
        owners=_people(session, Role.BUDGETANSVARIG, {owner} if owner else set()),
        officers=_people(session, Role.UPPHANDLARE, {officer} if officer else set()),
        suppliers=_suppliers(session),
        frameworks=_frameworks(session, today, framework),
    )
