"""Matching set-based in SQL: a row is on contract when a contract in force covers it.

A row is on contract when, on its invoice date, a contract is in force (start ≤ date ≤ end)
that has the row's supplier (by orgnr) among its suppliers and the row's region among its
parties (a joint contract covers both; a row whose unit matched no organisation is covered
only by a joint contract, whichever region it is).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, ContractSupplier, ReskontraRow, Supplier
from inkop_desktop.domain.organisation import Parties

R = ReskontraRow


def on_contract() -> Any:
    """SQL: 1 when the reskontra row is covered by a contract in force, else 0."""
    covered = (
        exists()
        .where(
            Supplier.orgnr == R.orgnr,
            ContractSupplier.supplier_id == Supplier.id,
            Contract.id == ContractSupplier.contract_id,
            Contract.start_date <= R.invoice_date,
            Contract.end_date >= R.invoice_date,
            or_(Contract.parties == Parties.BADA.value, Contract.parties == R.region),
        )
        .correlate(R)
    )
    return case((covered, 1), else_=0)


def spend_groups(session: Session, first: date, last: date) -> list[Any]:
    """Spend per (nämnd, region, orgnr, account, on contract) between two dates."""
    inner = (
        select(
            R.namnd_id, R.region, R.orgnr, R.account, R.supplier_name, R.amount_ore,
            R.invoice_date, on_contract().label("covered"),
        )
        .where(R.invoice_date >= first, R.invoice_date <= last)
        .subquery()
    )  # fmt: skip
    c = inner.c
    stmt = select(
        c.namnd_id, c.region, c.orgnr, c.account, c.covered,
        func.sum(c.amount_ore).label("total"), func.count().label("rows"),
        func.max(c.invoice_date).label("last_date"), func.min(c.supplier_name).label("name"),
    ).group_by(c.namnd_id, c.region, c.orgnr, c.account, c.covered)  # fmt: skip
    return list(session.execute(stmt).all())


def unmapped_units(session: Session, first: date, last: date) -> list[Any]:
    """The units as written that matched no organisation: rows and spend each."""
    stmt = (
        select(R.unit, func.count().label("rows"), func.sum(R.amount_ore).label("total"))
        .where(R.organisation_id.is_(None), R.invoice_date >= first, R.invoice_date <= last)
        .group_by(R.unit)
        .order_by(func.sum(R.amount_ore).desc())
    )
    return list(session.execute(stmt).all())


def date_range(session: Session) -> tuple[date | None, date | None]:
    """The first and last invoice date of every imported row."""
    found = session.execute(select(func.min(R.invoice_date), func.max(R.invoice_date))).one()
    return found[0], found[1]


def supplier_cpv(session: Session) -> dict[str, str]:
    """orgnr → the CPV of the supplier's most recently ending contract that has one."""
    stmt = (
        select(Supplier.orgnr, Contract.cpv)
        .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
        .join(Contract, Contract.id == ContractSupplier.contract_id)
        .where(Contract.cpv != "")
        .order_by(Supplier.orgnr, Contract.end_date)
    )
    return {orgnr: cpv for orgnr, cpv in session.execute(stmt)}
