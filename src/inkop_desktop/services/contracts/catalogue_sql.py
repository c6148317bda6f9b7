"""The catalogue's SQL: today's LIKE statement, and the same search through the trigram index.

``dialect=None`` gives the plain LIKE statement (the reference a test compares with). With a
dialect the hits and their order are the same, found faster: on SQLite the FTS5 index narrows
words of three characters or more before LIKE decides; on PostgreSQL the pg_trgm index serves
the LIKE itself. Both rank in a subquery that reads only the contract row (the score computed
once per row from its stored lower-cased keys, supplier names included), so the first supplier
and owner are fetched for the page's hits only; the matches are counted there (PostgreSQL) or
apart, up to a cap (SQLite).

A statement is built once per *shape* (dialect, how many words, which of them the index can
answer, CPV or not) with every typed value a bound parameter, and kept:
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


ESCAPE = "/"
"""The LIKE escape character of every bound pattern."""


@dataclass(frozen=True)
class Shape:
    """What a search statement's SQL depends on (the values are bound, not part of it)."""

    dialect: str | None
    indexed: tuple[bool, ...]
    """Per typed word: long enough for the trigram index."""
    cpv: bool


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


def shape_of(query: Search, dialect: str | None) -> Shape:
    """The shape of *query*'s statement on *dialect* (the plain reference when None)."""
    indexed = tuple(len(w) >= search_index.MIN_LENGTH for w in _words(query))
    return Shape(dialect, indexed, bool(query.cpv))


def values(query: Search, shape: Shape, cap: int = 0) -> dict[str, Any]:
    """The bound values of *query* in a statement of *shape* (*cap*: where its count stops)."""
    words = _words(query)
    bound: dict[str, Any] = {"on": query.on, "limit": query.limit, "cap": cap}
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


FIELDS: dict[str, Any] = {
    "avtalsnr": Contract.number_key,
    "benämning": Contract.title_key,
    "leverantör": Contract.suppliers_key,
    "nyckelord": Contract.keywords_key,
    "cpv": Contract.cpv,
}
"""Where each field a word may be found in is read for the order: its lower-cased key, kept
with the search text (db/search_text.py). Lower-casing the fields in SQL took 40 of 100 ms for
"331" at 100 000 contracts on PostgreSQL, and testing the suppliers per match 50 of 81 ms for
"nor" on SQLite."""


def _score(shape: Shape) -> ColumnElement[Any]:
    """The relevance of a contract: per word, the weights of the fields it occurs in."""
    terms = [
        case((_like(FIELDS[name], i), weight), else_=0)
        for i in range(len(shape.indexed))
        for name, weight in WEIGHTS
    ]
    return sum(terms, literal(0)) if terms else literal(0)


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


def counted_inside(shape: Shape) -> bool:
    """PostgreSQL counts the matches in the ranking (a window over the scored rows, 9–12 ms
    less than a second statement, which builds the index bitmap again); SQLite stores every
    match once more for a window (19 819 matches: 67 of 182 ms) and counts apart, up to a cap."""
    return shape.dialect == "postgresql"


@lru_cache(maxsize=256)
def capped_count(shape: Shape) -> Select[Any]:
    """How many contracts match, counted up to the bound ``cap`` (the page says "fler än"
    beyond): reading stops there."""
    cap: Any = bindparam("cap", type_=Integer)
    matching = (
        select(literal(1).label("hit")).select_from(Contract).where(and_(*_conditions(shape)))
    )
    return select(func.count()).select_from(matching.limit(cap).subquery("matching"))


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


def search_statement(query: Search, dialect: str | None = None) -> Select[Any]:
    """The SELECT behind a catalogue search, its values bound (also run raw by the benchmark)."""
    shape = shape_of(query, dialect)
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
    scored = _score(shape).label("score")  # ordered by label: computed once
    columns = [Contract.id, scored, Contract.end_date, Contract.contract_number]
    if counted_inside(shape):
        columns.append(func.count().over().label("matching"))  # before the limit: every match
    ranked_rows = (
        select(*columns)
        .where(where)
        .order_by(scored.desc(), Contract.end_date.desc(), Contract.contract_number)
        .limit(limit)
        .subquery("ranked")
    )
    extra = [ranked_rows.c.matching] if counted_inside(shape) else []
    return (
        select(*hit_columns(), *extra)
        .join(ranked_rows, ranked_rows.c.id == Contract.id)
        .outerjoin(Person, Person.id == Contract.owner_id)
        .order_by(
            ranked_rows.c.score.desc(), ranked_rows.c.end_date.desc(), ranked_rows.c.contract_number
        )
    )
