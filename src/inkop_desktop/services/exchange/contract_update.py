"""Update mode for avtal: a row whose avtalsnummer is stored updates that contract in place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, ContractAmendment, ContractOption, ContractSupplier
from inkop_desktop.domain.names import search_key
from inkop_desktop.services.exchange.contract_parts import deadlines
from inkop_desktop.services.exchange.kind import apply
from inkop_desktop.services.lists import sync_list


def update_contract(session: Session, item: Any, headers: dict[str, str]) -> list[str]:
    """Set what changed (columns, suppliers, options; new amendments added); changed headers."""
    data = item.data
    row = session.get_one(Contract, item.id)
    values = data.model_dump(exclude={"supplier_ids"})
    values |= {"title_key": search_key(data.title), "owner_org_id": item.owner_org}
    changed = apply(row, values, headers)
    links = session.scalars(select(ContractSupplier).where(ContractSupplier.contract_id == row.id))
    if sync_list(
        session,
        list(links),
        list(dict.fromkeys(data.supplier_ids)),
        lambda r: r.supplier_id,
        lambda sid: ContractSupplier(version=1, contract_id=row.id, supplier_id=sid),
    ):
        changed.append(headers["supplier_ids"])
    if _set_options(session, item):
        changed.append(headers["options"])
    if _add_amendments(session, item):
        changed.append(headers["amendments"])
    return changed


def _set_options(session: Session, item: Any) -> bool:
    """Options by ordinal: changed ones updated, missing ones added, surplus ones removed."""
    dates = deadlines(item.data.end_date, item.data.notice_months, item.options)
    stored = list(
        session.scalars(
            select(ContractOption)
            .where(ContractOption.contract_id == item.id)
            .order_by(ContractOption.ordinal)
        )
    )
    changed = len(stored) != len(item.options)
    for surplus in stored[len(item.options) :]:
        session.delete(surplus)
    for index, (line, deadline) in enumerate(zip(item.options, dates, strict=True)):
        values = {
            "ordinal": index + 1,
            "months": line.option.months,
            "decision_deadline": deadline,
            "decision": line.option.decision.value,
        }
        if index < len(stored):
            changed = bool(apply(stored[index], values, {k: k for k in values})) or changed
        else:
            session.add(ContractOption(version=1, contract_id=item.id, **values))
    return changed


def _add_amendments(session: Session, item: Any) -> bool:
    """Amendments of the row not stored yet are added (stored ones are history and kept)."""
    rows = session.scalars(
        select(ContractAmendment).where(ContractAmendment.contract_id == item.id)
    )
    stored = {(a.amended_on, a.new_value_ore, a.reason) for a in rows}
    added = False
    for amendment in item.amendments:
        key = (amendment.amended_on, amendment.new_value_ore, amendment.reason)
        if key not in stored:
            session.add(ContractAmendment(version=1, contract_id=item.id, **amendment.model_dump()))
            added = True
    return added
