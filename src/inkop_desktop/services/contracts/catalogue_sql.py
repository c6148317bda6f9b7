"""The catalogue's SQL: today's LIKE statement, and the same search through the trigram index.

``dialect=None`` gives the plain LIKE statement (the reference a test compares with). With a
dialect the hits and their order are the same, found faster: on SQLite the FTS5 index narrows
words of three characters or more before LIKE decides; on PostgreSQL the pg_trgm index serves
the LIKE itself. Both rank in a subquery that reads only the contract row (the score computed
once per row; a word in a supplier's name tested against one set of that word's contracts), so
the first supplier and owner are fetched for the page's hits only, and count apart, up to a cap.

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
    any_,
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
    cased: tuple[bool, ...] = ()
    """Per typed word: it may hold a letter, so the fields are lower-cased to be matched (a
    word of digits and ASCII punctuation, "3314" or "2026-0", matches them as stored)."""

    def folds(self, i: int) -> bool:
        """The *i*-th word needs the fields lower-cased (always in the plain reference)."""
        return self.dialect is None or self.cased[i]


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
    words = _words(query)
    indexed = tuple(len(w) >= search_index.MIN_LENGTH for w in words)
    return Shape(dialect, indexed, bool(query.cpv), tuple(map(_cased, words)))


def _cased(word: str) -> bool:
    """True unless *word* is ASCII without letters: lower-casing never makes or moves a digit
    or ASCII punctuation, so such a word is in a field exactly when it is in its lower case."""
    return not word.isascii() or any(c.isalpha() for c in word)


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


def _field(name: str, folded: bool) -> Any:
    """A contract's own field a word may be found in, lower-cased when *folded* (for the
    order): the title as stored lower-cased for the list's search (PostgreSQL's lower() of
    every matching title took 36 of 101 ms for "331" at 100 000 contracts)."""
    if name == "benämning":
        return Contract.title_key
    if name == "cpv":
        return Contract.cpv
    column = Contract.contract_number if name == "avtalsnr" else Contract.keywords
    return func.lower(column) if folded else column


def _supplier_holds(i: int, dialect: str | None, folded: bool) -> ColumnElement[bool]:
    """One of the contract's suppliers has the *i*-th word in its name: a set of contracts
    built once per search from the suppliers holding it, not a lookup per matching contract.
    PostgreSQL gets the suppliers as an array, so their contracts are read through the index on
    ``supplier_id`` (for an IN it hashed all 137 000 links at 100 000 contracts: 45 ms)."""
    name = func.lower(Supplier.name) if folded else Supplier.name
    holding = select(Supplier.id).where(_like(name, i))
    by_supplier: ColumnElement[bool] = (
        ContractSupplier.supplier_id == any_(func.array(holding.scalar_subquery()))
        if dialect == "postgresql"
        else ContractSupplier.supplier_id.in_(holding)
    )
    return Contract.id.in_(select(ContractSupplier.contract_id).where(by_supplier))


def _score(shape: Shape) -> ColumnElement[Any]:
    """The relevance of a contract: per word, the weights of the fields it occurs in."""

    def found(name: str, i: int) -> ColumnElement[bool]:
        if name == "leverantör":
            return _supplier_holds(i, shape.dialect, shape.folds(i))
        return _like(_field(name, shape.folds(i)), i)

    terms = [
        case((found(name, i), weight), else_=0)
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


@lru_cache(maxsize=256)
def capped_count(shape: Shape) -> Select[Any]:
    """How many contracts match, counted up to the bound ``cap`` (the page says "fler än"
    beyond): reading stops there, where counting inside the ranking read every match and, on
    SQLite, stored them all once more for the window (19 819 matches: 67 of 182 ms)."""
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
    ranked_rows = (
        select(Contract.id, scored, Contract.end_date, Contract.contract_number)
        .where(where)
        .order_by(scored.desc(), Contract.end_date.desc(), Contract.contract_number)
        .limit(limit)
        .subquery("ranked")
    )
    return (
        select(*hit_columns())
        .join(ranked_rows, ranked_rows.c.id == Contract.id)
        .outerjoin(Person, Person.id == Contract.owner_id)
        .order_by(
            ranked_rows.c.score.desc(), ranked_rows.c.end_date.desc(), ranked_rows.c.contract_number
        )
    )
