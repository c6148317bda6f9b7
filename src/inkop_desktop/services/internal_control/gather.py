"""The internkontrollrapport's records: one query per section, for a nämnd and a period."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    DirectAward,
    Followup,
    FollowupPlan,
    Person,
    ReskontraRow,
    Supplier,
)
from inkop_desktop.documents.internal_control import (
    DONE,
    DUE,
    OVERDUE,
    AwardLine,
    Compliance,
    ContractLine,
    FollowupLine,
    OffContractLine,
)
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES
from inkop_desktop.domain.followup.model import FollowupStatus
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services.avsteg import award_totals
from inkop_desktop.services.compliance import on_contract

TOP_OFF_CONTRACT = 10
"""The largest off-contract suppliers the report names."""


def _names(s: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Person names by id."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    stmt = select(Person.id, Person.name).where(Person.id.in_(wanted))
    return {person: name for person, name in s.execute(stmt)}


def awards(
    s: Session, members: Sequence[uuid.UUID], first: date, last: date, table: ReferenceTable
) -> list[AwardLine]:
    """The nämnd's decided direct awards in the period, with their same-kind totals."""
    rows = list(
        s.execute(
            select(DirectAward, Supplier.name)
            .outerjoin(Supplier, Supplier.id == DirectAward.chosen_supplier_id)
            .where(
                DirectAward.organisation_id.in_(members),
                DirectAward.status.in_([m.value for m in COUNTED_STATUSES]),
                DirectAward.award_date >= first,
                DirectAward.award_date <= last,
            )
            .order_by(DirectAward.award_date, DirectAward.diarienummer)
        )
    )
    totals = award_totals(s, [a for a, _ in rows], table)
    people = _names(s, {a.decision_maker_id for a, _ in rows})
    found = []
    for a, supplier in rows:
        worst = max(totals[a.id], key=lambda t: t.total.ore)
        found.append(
            AwardLine(
                number=a.diarienummer, decided_on=a.award_date, subject=a.title,
                value_ore=a.value_ore, supplier=supplier or "",
                decided_by=people.get(a.decision_maker_id, "") if a.decision_maker_id else "",
                same_kind_ore=worst.total.ore, limit_ore=worst.limit.money.ore,
            )
        )  # fmt: skip
    return found


def in_force(members: Sequence[uuid.UUID], first: date, last: date) -> ColumnElement[bool]:
    """SQL: a contract of the nämnd's units that is in force some day of the period."""
    return (
        Contract.owner_org_id.in_(members)
        & (Contract.start_date <= last)
        & (Contract.end_date >= first)
    )


def contracts(
    s: Session, members: Sequence[uuid.UUID], first: date, last: date
) -> list[ContractLine]:
    """Contracts in force, with suppliers, avtalsägare, handläggare and the follow-up plan."""
    rows = list(
        s.execute(
            select(Contract, FollowupPlan.id)
            .outerjoin(FollowupPlan, FollowupPlan.contract_id == Contract.id)
            .where(in_force(members, first, last))
            .order_by(Contract.contract_number)
        )
    )
    suppliers: dict[uuid.UUID, list[str]] = defaultdict(list)
    ids = [c.id for c, _ in rows]
    if ids:
        for contract_id, name in s.execute(
            select(ContractSupplier.contract_id, Supplier.name)
            .join(Supplier, Supplier.id == ContractSupplier.supplier_id)
            .where(ContractSupplier.contract_id.in_(ids))
            .order_by(Supplier.name)
        ):
            suppliers[contract_id].append(name)
    people = _names(s, {c.owner_id for c, _ in rows} | {c.handlaggare_id for c, _ in rows})
    return [
        ContractLine(
            number=c.contract_number,
            title=c.title,
            supplier=", ".join(suppliers[c.id]),
            end_date=c.end_date,
            owner=people.get(c.owner_id, "") if c.owner_id else "",
            handlaggare=people.get(c.handlaggare_id, "") if c.handlaggare_id else "",
            has_plan=plan is not None,
        )
        for c, plan in rows
    ]


def followups(
    s: Session, members: Sequence[uuid.UUID], first: date, last: date, today: date
) -> list[FollowupLine]:
    """Done in the period; planned later in it; overdue (planned before today, not done)."""
    where = in_force(members, first, last)
    done = s.execute(
        select(Contract.contract_number, Followup.due_on, Followup.performed_on)
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .join(Contract, Contract.id == FollowupPlan.contract_id)
        .where(
            Contract.owner_org_id.in_(members),
            Followup.status == FollowupStatus.SLUTFORD.value,
            Followup.performed_on >= first,
            Followup.performed_on <= last,
        )
    )
    found = [FollowupLine(n, due, DONE, on) for n, due, on in done]
    planned = s.execute(
        select(Contract.contract_number, FollowupPlan.next_due)
        .join(Contract, Contract.id == FollowupPlan.contract_id)
        .where(where, FollowupPlan.next_due <= last)
    )
    for number, due in planned:
        if due < today:
            found.append(FollowupLine(number, due, OVERDUE))
        elif due >= first:
            found.append(FollowupLine(number, due, DUE))
    return sorted(found, key=lambda f: (f.due_on, f.contract))


def compliance(s: Session, namnd: uuid.UUID, first: date, last: date) -> Compliance | None:
    """Spend on contract and the largest off-contract suppliers; None without invoices."""
    r = ReskontraRow
    inner = (
        select(r.orgnr, r.supplier_name, r.amount_ore, on_contract().label("covered"))
        .where(r.namnd_id == namnd, r.invoice_date >= first, r.invoice_date <= last)
        .subquery()
    )
    c = inner.c
    groups = list(
        s.execute(
            select(c.orgnr, c.covered, func.sum(c.amount_ore), func.min(c.supplier_name)).group_by(
                c.orgnr, c.covered
            )
        )
    )
    if not groups:
        return None
    total = sum(int(ore or 0) for _, _, ore, _ in groups)
    on = sum(int(ore or 0) for _, covered, ore, _ in groups if covered)
    off = sorted(
        (
            OffContractLine(name, orgnr, int(ore or 0))
            for orgnr, cov, ore, name in groups
            if not cov
        ),
        key=lambda o: (-o.amount_ore, o.name),
    )
    return Compliance(total, on, tuple(off[:TOP_OFF_CONTRACT]))
