"""Contract reports: missing avtalsägare/handläggare, per region/nämnd/supplier, expiring."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from inkop_desktop.db.tables import Contract, ContractSupplier, Organisation, Person, Supplier
from inkop_desktop.domain.contracts.terms import add_months
from inkop_desktop.domain.organisation import OrgKind, Parties, Region
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN

Owner = aliased(Person)
Officer = aliased(Person)
NO_ORGANISATION = "Ingen organisation angiven"


class MissingRoleRow(BaseModel):
    """A contract in force (or starting later) without avtalsägare or handläggare."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    title: str
    end_date: date
    missing: str
    owner: str | None
    handlaggare: str | None


class GroupRow(BaseModel):
    """Number of contracts and their total value for one region, nämnd or supplier."""

    model_config = FROZEN
    label: str
    contracts: int
    total_value_ore: int


class MonthRow(BaseModel):
    """Contracts ending in one calendar month."""

    model_config = FROZEN
    month: str
    contracts: int
    total_value_ore: int


class ContractReports(BaseModel):
    """Every report, read in one go for the report dialog."""

    model_config = FROZEN
    today: date
    missing_roles: tuple[MissingRoleRow, ...]
    per_region: tuple[GroupRow, ...]
    per_namnd: tuple[GroupRow, ...]
    per_supplier: tuple[GroupRow, ...]
    expiring: tuple[MonthRow, ...]


def _missing_text(owner: uuid.UUID | None, officer: uuid.UUID | None) -> str:
    """Which of the two mandatory roles is missing."""
    if owner is None and officer is None:
        return "Avtalsägare och handläggare"
    return "Avtalsägare" if owner is None else "Handläggare"


def missing_roles(session: Session, today: date) -> tuple[MissingRoleRow, ...]:
    """Contracts not yet ended that lack an avtalsägare or a handläggare."""
    stmt = (
        select(
            Contract.id,
            Contract.contract_number,
            Contract.title,
            Contract.end_date,
            Contract.owner_id,
            Contract.handlaggare_id,
            Owner.name.label("owner"),
            Officer.name.label("handlaggare"),
        )
        .outerjoin(Owner, Owner.id == Contract.owner_id)
        .outerjoin(Officer, Officer.id == Contract.handlaggare_id)
        .where(Contract.end_date >= today)
        .where(or_(Contract.owner_id.is_(None), Contract.handlaggare_id.is_(None)))
        .order_by(Contract.end_date, Contract.contract_number)
    )
    return tuple(
        MissingRoleRow(
            id=r.id,
            contract_number=r.contract_number,
            title=r.title,
            end_date=r.end_date,
            missing=_missing_text(r.owner_id, r.handlaggare_id),
            owner=r.owner,
            handlaggare=r.handlaggare,
        )
        for r in session.execute(stmt)
    )


def _grouped(session: Session, key: Any, today: date) -> list[tuple[Any, int, int]]:
    """(key, count, value) over contracts not yet ended, grouped in SQL."""
    stmt = (
        select(key, func.count(Contract.id), func.coalesce(func.sum(Contract.total_value_ore), 0))
        .where(Contract.end_date >= today)
        .group_by(key)
    )
    return [(k, int(n), int(v)) for k, n, v in session.execute(stmt)]


def per_region(session: Session, today: date) -> tuple[GroupRow, ...]:
    """Region Sörmland, Region Västmanland and joint contracts."""
    found = {k: (n, v) for k, n, v in _grouped(session, Contract.parties, today)}
    rows = []
    for parties in Parties:
        count, value = found.get(parties.value, (0, 0))
        rows.append(GroupRow(label=parties.label, contracts=count, total_value_ore=value))
    return tuple(rows)


def _namnd_of(org: Organisation, orgs: dict[uuid.UUID, Organisation]) -> Organisation:
    """The nämnd above a förvaltning (other units stand for themselves)."""
    for _ in range(len(orgs)):
        parent = orgs.get(org.parent_id) if org.parent_id else None
        if org.kind == OrgKind.NAMND.value or parent is None:
            break
        if parent.kind not in (OrgKind.NAMND.value, OrgKind.FORVALTNING.value):
            break
        org = parent
    return org


def _namnd_labels(session: Session) -> dict[uuid.UUID, str]:
    """Each organisation's nämnd, named with its region (both regions have a Regionstyrelse)."""
    orgs = {o.id: o for o in session.execute(select(Organisation)).scalars()}
    labels = {}
    for org_id, org in orgs.items():
        top = _namnd_of(org, orgs)
        region = Region(top.region).label if top.region in ("SRM", "VMA") else ""
        labels[org_id] = f"{top.name}, {region}" if region and top.kind != "region" else top.name
    return labels


def per_namnd(session: Session, today: date) -> tuple[GroupRow, ...]:
    """Contracts by the avtalsägare's nämnd, largest value first."""
    labels = _namnd_labels(session)
    counts: Counter[str] = Counter()
    values: Counter[str] = Counter()
    for org_id, n, v in _grouped(session, Contract.owner_org_id, today):
        label = labels.get(org_id, NO_ORGANISATION)
        counts[label] += n
        values[label] += v
    return _rows(counts, values)


def per_supplier(session: Session, today: date) -> tuple[GroupRow, ...]:
    """Contracts by supplier (a contract with two suppliers counts for both), largest first."""
    stmt = (
        select(
            Supplier.name,
            Supplier.orgnr,
            func.count(Contract.id),
            func.coalesce(func.sum(Contract.total_value_ore), 0),
        )
        .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
        .join(Contract, Contract.id == ContractSupplier.contract_id)
        .where(Contract.end_date >= today)
        .group_by(Supplier.id, Supplier.name, Supplier.orgnr)
    )
    counts: Counter[str] = Counter()
    values: Counter[str] = Counter()
    for name, orgnr, n, v in session.execute(stmt):
        counts[f"{name} ({orgnr})"] += int(n)
        values[f"{name} ({orgnr})"] += int(v)
    return _rows(counts, values)


def _rows(counts: Counter[str], values: Counter[str]) -> tuple[GroupRow, ...]:
    """Group rows sorted by value (then name)."""
    order = sorted(counts, key=lambda k: (-values[k], k))
    return tuple(GroupRow(label=k, contracts=counts[k], total_value_ore=values[k]) for k in order)


def expiring(session: Session, today: date, months: int = 24) -> tuple[MonthRow, ...]:
    """Contracts ending in each of the next *months* calendar months (this one included)."""
    first = today.replace(day=1)
    stop = add_months(first, months)
    stmt = select(Contract.end_date, Contract.total_value_ore).where(
        Contract.end_date >= today, Contract.end_date < stop
    )
    counts: Counter[str] = Counter()
    values: Counter[str] = Counter()
    for end, value in session.execute(stmt):
        counts[end.strftime("%Y-%m")] += 1
        values[end.strftime("%Y-%m")] += int(value)
    keys = [add_months(first, i).strftime("%Y-%m") for i in range(months)]
    return tuple(MonthRow(month=k, contracts=counts[k], total_value_ore=values[k]) for k in keys)


class ContractReportService(Service):
    """The contract portfolio's reports."""

    def reports(self, today: date | None = None) -> ContractReports:
        """All reports on contracts that have not yet ended."""
        day = today or date.today()
        with self._session() as s:
            return ContractReports(
                today=day,
                missing_roles=missing_roles(s, day),
                per_region=per_region(s, day),
                per_namnd=per_namnd(s, day),
                per_supplier=per_supplier(s, day),
                expiring=expiring(s, day),
            )
