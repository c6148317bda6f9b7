"""The contract list: its row, sort keys and filters, and the light service the Avtal page reads.

Kept apart from the contract editor's use cases so that the first page at start imports only
what its query needs (no parts, rules, files or history).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from inkop_desktop.db.tables import Contract, ContractSupplier, Person, Supplier
from inkop_desktop.domain.calendar import parse_date
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts.rows import ContractRow
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.listing import ListSpec, run_page

Owner = aliased(Person)
Officer = aliased(Person)


_SUPPLIER = (
    select(func.min(Supplier.name))
    .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
    .where(ContractSupplier.contract_id == Contract.id)
    .scalar_subquery()
)


def _in_force(day: date) -> Any:
    """Contracts whose period covers *day*."""
    return (Contract.start_date <= day) & (Contract.end_date >= day)


SPEC = ListSpec(
    sortable={
        "contract_number": Contract.contract_number,
        "title": Contract.title,
        "supplier": _SUPPLIER,
        "parties": Contract.parties,
        "procedure": Contract.procedure,
        "start_date": Contract.start_date,
        "end_date": Contract.end_date,
        "total_value_ore": Contract.total_value_ore,
        "owner": Owner.name,
        "handlaggare": Officer.name,
        "cpv": Contract.cpv,
    },
    searchable=[],
    lowered=[Contract.search_text],
    default_sort="end_date",
    seekable=frozenset({"end_date", "contract_number"}),
    filters={  # only contract columns: the count runs without the person joins
        "parties": lambda v: Contract.parties == v,
        "active_on": lambda v: _in_force(parse_date(v, "Gäller") or date.today()),
        "open": lambda _v: Contract.end_date >= date.today(),  # "1": ended ones left out
    },
)


def _list_select() -> Any:
    """The contract list's SELECT with owner and handläggare names."""
    return (
        select(
            Contract.id,
            Contract.contract_number,
            Contract.title,
            _SUPPLIER.label("supplier"),
            Contract.parties,
            Contract.procedure,
            Contract.start_date,
            Contract.end_date,
            Contract.total_value_ore,
            Owner.name.label("owner"),
            Officer.name.label("handlaggare"),
            Contract.cpv,
        )
        .outerjoin(Owner, Owner.id == Contract.owner_id)
        .outerjoin(Officer, Officer.id == Contract.handlaggare_id)
    )


def contract_page(session: Session, query: ListQuery) -> Page[ContractRow]:
    """A filtered, sorted page of contracts, read in *session*."""
    # owner and handläggare are LEFT JOINs on person's key: they never add rows
    rows, total, estimated = run_page(session, _list_select(), SPEC, query, select(Contract.id))
    return Page(
        rows=[ContractRow.model_validate(r) for r in rows],
        total=total,
        offset=query.offset,
        estimated=estimated,
    )


class ContractList(Service):
    """The contract list (``Services.contract_list``): what the Avtal page loads."""

    def list(self, query: ListQuery) -> Page[ContractRow]:
        """A filtered, sorted page of contracts."""
        with self._session() as s:
            return contract_page(s, query)
