"""The catalogue's SQL: today's LIKE statement, and the same search through the trigram index.

``dialect=None`` gives the plain LIKE statement (the reference a test compares with). With a
dialect the hits and their order are the same, found faster: on SQLite the FTS5 index narrows
words of three characters or more before LIKE decides; on PostgreSQL the pg_trgm index serves
the LIKE itself. Both rank in a subquery that reads only the contract row (the score computed
once per row), so the supplier and owner are fetched for the page's hits only.

A statement is built once per *shape* (dialect, how many words, which of them the index can
answer or few suppliers hold, CPV or not) with every typed value a bound parameter, and kept:
a keystroke then only binds its values (no building, no cache key, the compiled form reused).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    select,
)
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

ESCAPE = "/"
"""The LIKE escape character of every bound pattern."""

RARE_SUPPLIERS = 100
"""A word held by at most this many suppliers' names has its first-supplier test made from a
set of their contracts, built once; a commoner one is tested per matching contract."""


@dataclass(frozen=True)
class Shape:
    """What a search statement's SQL depends on (the values are bound, not part of it)."""

    dialect: str | None
    indexed: tuple[bool, ...]
    """Per typed word: long enough for the trigram index."""
    rare: tuple[bool, ...]
    """Per typed word: few suppliers' names hold it (:func:`rare_words`)."""
    cpv: bool

    @property
    def joined(self) -> bool:
        """PostgreSQL with a short word: first suppliers from one grouped join."""
        return self.dialect == "postgresql" and not all(self.indexed)


def contains(word: str) -> str:
    """The LIKE pattern (escaped with ESCAPE) of text holding *word*."""
    return f"%{_escaped(word)}%"


def _escaped(text: str) -> str:
    """*text* with the LIKE wildcards and the escape character escaped."""
    for char in (ESCAPE, "%", "_"):
        text = text.replace(char, ESCAPE + char)
    return text


def _words(query: Search) -> list[str]:
    """The typed words, lower-cased."""
    return [w.lower() for w in query.text.split()]


def shape_of(query: Search, dialect: str | None, rare: frozenset[str] = frozenset()) -> Shape:
    """The shape of *query*'s statement on *dialect* (the plain reference when None)."""
    words = _words(query)
    indexed = tuple(len(w) >= search_index.MIN_LENGTH for w in words)
    if dialect is None:
        return Shape(None, indexed, (False,) * len(words), bool(query.cpv))
    return Shape(dialect, indexed, tuple(w in rare for w in words), bool(query.cpv))


def values(query: Search, shape: Shape) -> dict[str, Any]:
    """The bound values of *query* in a statement of *shape*."""
    words = _words(query)
    bound: dict[str, Any] = {"on": query.on, "limit": query.limit}
    bound.update({f"w{i}": contains(w) for i, w in enumerate(words)})
    if _fts(shape):
        long = [w for w, ok in zip(words, shape.indexed, strict=True) if ok]
        bound["fts"] = " AND ".join(search_index.phrase(w) for w in long)
    if query.cpv:
        bound["cpv"] = _escaped(query.cpv[:3]) + "%"
    return bound


def _fts(shape: Shape) -> bool:
    """SQLite with a word the FTS5 index answers: it narrows, LIKE decides (the same hits)."""
    return shape.dialect == "sqlite" and any(shape.indexed)


def _word(i: int) -> Any:
    """The bound pattern of the *i*-th word."""
    return bindparam(f"w{i}", type_=String)


def _like(column: Any, i: int) -> ColumnElement[bool]:
    """*column* holds the *i*-th word."""
    return column.like(_word(i), escape=ESCAPE)  # type: ignore[no-any-return]


def _fields(supplier: Any = _SUPPLIER) -> dict[str, Any]:
    """The fields a word may be found in, lower-cased in SQL (for the order only)."""
    return {
        "avtalsnr": func.lower(Contract.contract_number),
        "benämning": func.lower(Contract.title),
        "leverantör": func.lower(supplier),
        "nyckelord": func.lower(Contract.keywords),
        "cpv": Contract.cpv,
    }


def _first_supplier_holds(i: int) -> ColumnElement[bool]:
    """The contract's first supplier (by name) holds the *i*-th word: the same test as
    ``lower(first supplier) LIKE``, made only for the contracts of suppliers holding the word
    at all (a set built once)."""
    holding = select(Supplier.id).where(_like(func.lower(Supplier.name), i))
    any_holder = select(ContractSupplier.contract_id).where(
        ContractSupplier.supplier_id.in_(holding)
    )
    return and_(Contract.id.in_(any_holder), _like(func.lower(_SUPPLIER), i))


def _score(shape: Shape, supplier: Any = _SUPPLIER) -> ColumnElement[Any]:
    """The relevance of a contract: per word, the weights of the fields it occurs in (the
    first supplier of the rare words tested through :func:`_first_supplier_holds`)."""
    fields = _fields(supplier)

    def found(name: str, i: int) -> ColumnElement[bool]:
        if name == "leverantör" and shape.rare[i] and not shape.joined:
            return _first_supplier_holds(i)
        return _like(fields[name], i)

    terms = [
        case((found(name, i), weight), else_=0)
        for i in range(len(shape.indexed))
        for name, weight in WEIGHTS
    ]
    return sum(terms, literal(0)) if terms else literal(0)


def rare_words(s: Session, words: list[str]) -> frozenset[str]:
    """The (lower-cased) words of three characters or more that few suppliers' names hold
    (all of them counted in one statement: one round trip however many words are typed)."""
    candidates = sorted({w.lower() for w in words if len(w) >= search_index.MIN_LENGTH})
    if not candidates:
        return frozenset()
    bound: dict[str, Any] = {f"w{i}": contains(w) for i, w in enumerate(candidates)}
    bound["holders"] = RARE_SUPPLIERS + 1
    counts = s.connection().execute(_holders(len(candidates)), bound).one()
    return frozenset(w for w, n in zip(candidates, counts, strict=True) if n <= RARE_SUPPLIERS)


@lru_cache(maxsize=16)
def _holders(words: int) -> Select[Any]:
    """Per word, how many suppliers' names hold it, counted up to the bound ``holders``."""
    columns = []
    for i in range(words):
        holding = select(Supplier.id).where(_like(func.lower(Supplier.name), i))
        limited = holding.limit(bindparam("holders", type_=Integer)).subquery()
        columns.append(select(func.count()).select_from(limited).scalar_subquery())
    return select(*columns)


def _conditions(shape: Shape) -> list[ColumnElement[bool]]:
    """In force on the day, every word in the search text, the CPV group if given."""
    on = bindparam("on", type_=Date)
    conditions = [Contract.start_date <= on, Contract.end_date >= on]
    conditions += [_like(Contract.search_text, i) for i in range(len(shape.indexed))]
    if _fts(shape):
        rowid: ColumnElement[Any] = literal_column("contract.rowid")
        conditions.append(search_index.fts_match(bindparam("fts", type_=String), rowid))
    if shape.cpv:
        conditions.append(Contract.cpv.like(bindparam("cpv", type_=String), escape=ESCAPE))
    return conditions


def count_statement(query: Search, dialect: str | None = None) -> Select[Any]:
    """How many contracts a catalogue search matches (the reference count of a test)."""
    shape = shape_of(query, dialect)
    counted = select(func.count()).select_from(Contract).where(and_(*_conditions(shape)))
    return counted.params(values(query, shape))


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
    """The SELECT behind a catalogue search, its values bound (also run raw by the benchmark);
    *rare*: words few suppliers hold (:func:`rare_words`), whose supplier test reads a set
    instead. With a dialect each hit also holds ``matching``: how many contracts match in all
    (the ranking reads every match anyway, so no second statement counts them)."""
    shape = shape_of(query, dialect, rare)
    return statement(shape).params(values(query, shape))


@lru_cache(maxsize=256)
def statement(shape: Shape) -> Select[Any]:
    """The search statement of *shape*, built once; bind :func:`values` to run it."""
    where = and_(*_conditions(shape))
    limit: Any = bindparam("limit", type_=Integer)
    if shape.dialect is None:
        return (
            select(*hit_columns())
            .outerjoin(Person, Person.id == Contract.owner_id)
            .where(where)
            .order_by(_score(shape).desc(), Contract.end_date.desc(), Contract.contract_number)
            .limit(limit)
        )
    supplier = _FIRST_SUPPLIER.c.name if shape.joined else _SUPPLIER
    scored = _score(shape, supplier).label("score")  # ordered by label: computed once
    matching = func.count().over().label("matching")  # before the limit: every match
    ranked = select(Contract.id, scored, Contract.end_date, Contract.contract_number, matching)
    if shape.joined:
        on = _FIRST_SUPPLIER.c.contract_id == Contract.id
        ranked = ranked.select_from(Contract).outerjoin(_FIRST_SUPPLIER, on)
    ranked_rows = (
        ranked.where(where)
        .order_by(scored.desc(), Contract.end_date.desc(), Contract.contract_number)
        .limit(limit)
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
