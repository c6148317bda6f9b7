"""Avtalskatalogen: "finns det redan ett avtal?" — contracts in force matching words or CPV."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, and_, func, select

from inkop_desktop.db.tables import Contract, ContractSupplier, Person, Supplier
from inkop_desktop.domain.input_types import SearchText
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN


class CatalogueQuery(BaseModel):
    """Words typed by the user, an optional CPV code, and the day the purchase is made."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: SearchText = ""
    cpv: SearchText | None = None
    on: date
    limit: int = Field(default=50, ge=1, le=500)


class CatalogueHit(BaseModel):
    """A contract that may already cover the need."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    title: str
    supplier: str | None
    parties: str
    cpv: str
    end_date: date
    e_handel: bool
    owner: str | None


_SUPPLIER = (
    select(func.min(Supplier.name))
    .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
    .where(ContractSupplier.contract_id == Contract.id)
    .scalar_subquery()
)


def _word(word: str) -> ColumnElement[bool]:
    """One typed word must occur in the contract's search text (title, keywords, number, CPV,
    supplier names), which the database layer keeps lower-cased and current."""
    return Contract.search_text.contains(word.lower(), autoescape=True)


class CatalogueService(Service):
    """The search every employee makes before buying."""

    def search(self, query: CatalogueQuery) -> list[CatalogueHit]:
        """Contracts in force on ``query.on`` matching every word, and the CPV group if given."""
        with self._session() as s:
            return [CatalogueHit.model_validate(r) for r in s.execute(search_statement(query))]


def search_statement(query: CatalogueQuery) -> Select[Any]:
    """The SELECT behind a catalogue search (also run raw by the benchmark)."""
    conditions = [Contract.start_date <= query.on, Contract.end_date >= query.on]
    conditions += [_word(w) for w in query.text.split()]
    if query.cpv:
        conditions.append(Contract.cpv.startswith(query.cpv[:3], autoescape=True))
    return (
        select(
            Contract.id,
            Contract.contract_number,
            Contract.title,
            _SUPPLIER.label("supplier"),
            Contract.parties,
            Contract.cpv,
            Contract.end_date,
            Contract.e_handel,
            Person.name.label("owner"),
        )
        .outerjoin(Person, Person.id == Contract.owner_id)
        .where(and_(*conditions))
        .order_by(Contract.end_date.desc())
        .limit(query.limit)
    )
