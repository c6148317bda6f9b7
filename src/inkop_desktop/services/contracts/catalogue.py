"""Avtalskatalogen: "finns det redan ett avtal?" — contracts in force matching words or CPV."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from inkop_desktop.db import search_index
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
    matched: str = ""
    """ "träff på": the fields the typed words were found in, e.g. "benämning, leverantör"."""


class CatalogueResult(BaseModel):
    """The best hits (most relevant first) and how many contracts match in all."""

    model_config = ConfigDict(frozen=True)
    hits: list[CatalogueHit]
    total: int


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


WEIGHTS = (("avtalsnr", 8), ("benämning", 4), ("leverantör", 3), ("nyckelord", 2), ("cpv", 1))
"""How much a word found in each field counts for the order of the hits."""


def _fields() -> dict[str, Any]:
    """The fields a word may be found in, lower-cased in SQL (for the order only)."""
    return {
        "avtalsnr": func.lower(Contract.contract_number),
        "benämning": func.lower(Contract.title),
        "leverantör": func.lower(_SUPPLIER),
        "nyckelord": func.lower(Contract.keywords),
        "cpv": Contract.cpv,
    }


def _score(words: list[str]) -> ColumnElement[Any]:
    """The relevance of a contract: per word, the weights of the fields it occurs in."""
    fields = _fields()
    terms = [
        case((fields[name].contains(word.lower(), autoescape=True), weight), else_=0)
        for word in words
        for name, weight in WEIGHTS
    ]
    return sum(terms, literal(0)) if terms else literal(0)


def matched_fields(words: list[str], hit: Any) -> str:
    """ "benämning, leverantör": where the typed words occur (Python folds åäö correctly)."""
    values = {
        "avtalsnr": hit.contract_number,
        "benämning": hit.title,
        "leverantör": hit.supplier or "",
        "nyckelord": hit.keywords or "",
        "cpv": hit.cpv,
    }
    found = [name for name, _w in WEIGHTS if any(w.lower() in values[name].lower() for w in words)]
    return ", ".join(found) if found or not words else "annan leverantör"


class CatalogueService(Service):
    """The search every employee makes before buying."""

    def search(self, query: CatalogueQuery) -> list[CatalogueHit]:
        """Contracts in force on ``query.on`` matching every word (and the CPV group if given),
        the most relevant first."""
        return self.find(query).hits

    def find(self, query: CatalogueQuery) -> CatalogueResult:
        """The most relevant hits with "träff på", and the exact number matching (SQL COUNT)."""
        words = query.text.split()
        with self._session() as s:
            fts = _prepare(s)
            total = s.execute(count_statement(query, fts=fts)).scalar_one()
            rows = s.execute(search_statement(query, fts=fts)).all()
        hits = [
            CatalogueHit.model_validate(r).model_copy(update={"matched": matched_fields(words, r)})
            for r in rows
        ]
        return CatalogueResult(hits=hits, total=int(total))


def _prepare(s: Session) -> bool:
    """Whether the SQLite FTS index answers; on PostgreSQL plan each search for its own words
    (a generic plan, chosen after five runs of a prepared statement, ignores the trigram index)."""
    if s.get_bind().dialect.name == "sqlite":
        return True
    s.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    return False


def _conditions(query: CatalogueQuery, fts: bool) -> list[ColumnElement[bool]]:
    """In force on the day, every word in the search text, the CPV group if given; with *fts*
    the words of three characters or more are first looked up in the SQLite FTS index."""
    conditions = [Contract.start_date <= query.on, Contract.end_date >= query.on]
    conditions += [_word(w) for w in query.text.split()]
    indexed = [w.lower() for w in query.text.split() if len(w.lower()) >= search_index.MIN_LENGTH]
    if fts and indexed:
        conditions.append(search_index.fts_match(indexed, literal_column("contract.rowid")))
    if query.cpv:
        conditions.append(Contract.cpv.startswith(query.cpv[:3], autoescape=True))
    return conditions


def count_statement(query: CatalogueQuery, *, fts: bool = False) -> Select[Any]:
    """How many contracts a catalogue search matches (no limit)."""
    return select(func.count()).select_from(Contract).where(and_(*_conditions(query, fts)))


def search_statement(query: CatalogueQuery, *, fts: bool = False) -> Select[Any]:
    """The SELECT behind a catalogue search (also run raw by the benchmark); *fts*: SQLite's
    trigram index narrows the LIKE (same hits, same order)."""
    words = query.text.split()
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
            Contract.keywords,
            Person.name.label("owner"),
        )
        .outerjoin(Person, Person.id == Contract.owner_id)
        .where(and_(*_conditions(query, fts)))
        .order_by(_score(words).desc(), Contract.end_date.desc(), Contract.contract_number)
        .limit(query.limit)
    )
