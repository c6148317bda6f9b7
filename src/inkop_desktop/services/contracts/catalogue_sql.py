"""The catalogue's SQL: today's LIKE statement, and the same search through the trigram index.

``dialect=None`` gives the plain LIKE statement (the reference a test compares with). With a
dialect the hits and their order are the same, found faster: on SQLite the FTS5 index narrows
words of three characters or more before LIKE decides; on PostgreSQL the pg_trgm index serves
the LIKE itself. Both rank in a subquery that reads only the contract row (the score computed
once per row), so the supplier and owner are fetched for the page's hits only.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, literal_column, select
from sqlalchemy.orm import Session

from inkop_desktop.db import search_index
from inkop_desktop.db.tables import Contract, ContractSupplier, Person, Supplier

WEIGHTS = (("avtalsnr", 8), ("benämning", 4), ("leverantör", 3), ("nyckelord", 2), ("cpv", 1))
"""How much a word found in each field counts for the order of the hits."""

_SUPPLIER = (
    select(func.min(Supplier.name))
    .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
    .where(ContractSupplier.contract_id == Contract.id)
    .scalar_subquery()
)


class Search(Protocol):
    """What a catalogue search asks: words, an optional CPV code, the day, how many hits."""

    @property
    def text(self) -> str: ...
    @property
    def cpv(self) -> str | None: ...
    @property
    def on(self) -> date: ...
    @property
    def limit(self) -> int: ...


_FIRST_SUPPLIER = (
    select(ContractSupplier.contract_id, func.min(Supplier.name).label("name"))
    .join(Supplier, Supplier.id == ContractSupplier.supplier_id)
    .group_by(ContractSupplier.contract_id)
    .subquery("first_supplier")
)
"""PostgreSQL: every contract's first supplier at once (a hash join beats one subquery per row
when a short word matches most contracts)."""


def _fields(supplier: Any = _SUPPLIER) -> dict[str, Any]:
    """The fields a word may be found in, lower-cased in SQL (for the order only)."""
    return {
        "avtalsnr": func.lower(Contract.contract_number),
        "benämning": func.lower(Contract.title),
        "leverantör": func.lower(supplier),
        "nyckelord": func.lower(Contract.keywords),
        "cpv": Contract.cpv,
    }


def first_supplier_contains(word: str) -> ColumnElement[bool]:
    """The contract's first supplier (by name) holds *word*: the same test as ``lower(first
    supplier) LIKE``, made only for the contracts of suppliers holding the word at all (a set
    built once)."""
    holding = select(Supplier.id).where(func.lower(Supplier.name).contains(word, autoescape=True))
    any_holder = select(ContractSupplier.contract_id).where(
        ContractSupplier.supplier_id.in_(holding)
    )
    return and_(Contract.id.in_(any_holder), func.lower(_SUPPLIER).contains(word, autoescape=True))


def _score(
    words: list[str], supplier: Any = _SUPPLIER, rare: frozenset[str] = frozenset()
) -> ColumnElement[Any]:
    """The relevance of a contract: per word, the weights of the fields it occurs in (the
    first supplier of the *rare* words tested through :func:`first_supplier_contains`)."""
    fields = _fields(supplier)

    def found(name: str, word: str) -> ColumnElement[bool]:
        if name == "leverantör" and word in rare:
            return first_supplier_contains(word)
        return fields[name].contains(word, autoescape=True)  # type: ignore[no-any-return]

    terms = [
        case((found(name, word.lower()), weight), else_=0)
        for word in words
        for name, weight in WEIGHTS
    ]
    return sum(terms, literal(0)) if terms else literal(0)


RARE_SUPPLIERS = 100
"""A word held by at most this many suppliers' names has its first-supplier test made from a
set of their contracts, built once; a commoner one is tested per matching contract."""


def rare_words(s: Session, words: list[str]) -> frozenset[str]:
    """The (lower-cased) words of three characters or more that few suppliers' names hold
    (all of them counted in one statement: one round trip however many words are typed)."""
    candidates = sorted({w.lower() for w in words if len(w) >= search_index.MIN_LENGTH})
    if not candidates:
        return frozenset()
    counts = s.execute(select(*(_holders(word) for word in candidates))).one()
    return frozenset(w for w, n in zip(candidates, counts, strict=True) if n <= RARE_SUPPLIERS)


def _holders(word: str) -> Any:
    """How many suppliers' names hold *word*, counted up to ``RARE_SUPPLIERS + 1``."""
    holding = select(Supplier.id).where(func.lower(Supplier.name).contains(word, autoescape=True))
    limited = holding.limit(RARE_SUPPLIERS + 1).subquery()
    return select(func.count()).select_from(limited).scalar_subquery()


def _conditions(query: Search, dialect: str | None) -> list[ColumnElement[bool]]:
    """In force on the day, every word in the search text, the CPV group if given."""
    words = [w.lower() for w in query.text.split()]
    conditions = [Contract.start_date <= query.on, Contract.end_date >= query.on]
    conditions += [Contract.search_text.contains(w, autoescape=True) for w in words]
    indexed = [w for w in words if len(w) >= search_index.MIN_LENGTH]
    if dialect == "sqlite" and indexed:  # FTS5 narrows, LIKE decides: the same hits
        rowid: ColumnElement[Any] = literal_column("contract.rowid")
        conditions.append(search_index.fts_match(indexed, rowid))
    if query.cpv:
        conditions.append(Contract.cpv.startswith(query.cpv[:3], autoescape=True))
    return conditions


def count_statement(
    query: Search, dialect: str | None = None, cap: int | None = None
) -> Select[Any]:
    """How many contracts a catalogue search matches (no limit), or up to ``cap + 1``."""
    where = and_(*_conditions(query, dialect))
    if cap is None:
        return select(func.count()).select_from(Contract).where(where)
    matching = select(Contract.id).where(where).limit(cap + 1).subquery("matching")
    return select(func.count()).select_from(matching)


def hit_columns() -> list[Any]:
    """The hit's columns (supplier and owner: looked up per hit)."""
    return [
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
    ]


def search_statement(
    query: Search, dialect: str | None = None, rare: frozenset[str] = frozenset()
) -> Select[Any]:
    """The SELECT behind a catalogue search (also run raw by the benchmark); *rare*: words
    few suppliers hold (:func:`rare_words`), whose supplier test reads a set instead. With a
    dialect each hit also holds ``matching``: how many contracts match in all (the ranking
    reads every match anyway, so no second statement counts them)."""
    words = query.text.split()
    where = and_(*_conditions(query, dialect))
    if dialect is None:
        score = _score(words)
        return (
            select(*hit_columns())
            .outerjoin(Person, Person.id == Contract.owner_id)
            .where(where)
            .order_by(score.desc(), Contract.end_date.desc(), Contract.contract_number)
            .limit(query.limit)
        )
    joined = dialect == "postgresql" and any(len(w) < search_index.MIN_LENGTH for w in words)
    supplier = _FIRST_SUPPLIER.c.name if joined else _SUPPLIER
    scored = _score(words, supplier, frozenset() if joined else rare).label(
        "score"
    )  # ordered by label: computed once
    matching = func.count().over().label("matching")  # before the limit: every match
    ranked = select(Contract.id, scored, Contract.end_date, Contract.contract_number, matching)
    if joined:
        on = _FIRST_SUPPLIER.c.contract_id == Contract.id
        ranked = ranked.select_from(Contract).outerjoin(_FIRST_SUPPLIER, on)
    ranked_rows = (
        ranked.where(where)
        .order_by(scored.desc(), Contract.end_date.desc(), Contract.contract_number)
        .limit(query.limit)
        .subquery("ranked")
    )
    return (
        select(*hit_columns(), ranked_rows.c.matching)
        .join(ranked_rows, ranked_rows.c.id == Contract.id)
        .outerjoin(Person, Person.id == Contract.owner_id)
        .order_by(
            ranked_rows.c.score.desc(), ranked_rows.c.end_date.desc(), ranked_rows.c.contract_number
        )
    )
