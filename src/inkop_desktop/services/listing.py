"""Filter, sort and page a SELECT in SQL, for every list view."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import Session

from inkop_desktop.services import counting, paging
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.visibility import ACTOR

FilterFn = Callable[[str], ColumnElement[bool]]


@dataclass(frozen=True)
class ListSpec:
    """How one list is searched, filtered and sorted."""

    sortable: Mapping[str, Any]
    searchable: Sequence[Any]
    default_sort: str
    filters: Mapping[str, FilterFn] = field(default_factory=dict)
    lowered: Sequence[Any] = ()
    """Searchable columns stored lower-cased by the program (matched without SQL lower())."""
    seekable: frozenset[str] = frozenset()
    """Sort keys paged by keyset: NOT NULL columns of the listed table, led by an index."""
    key: Any = None
    """A unique column ordered after the tiebreak when the tiebreak is not unique."""


def _text_clause(spec: ListSpec, text: str) -> ColumnElement[bool] | None:
    """Every word must occur in at least one searchable column."""
    words = text.split()
    if not words or not (spec.searchable or spec.lowered):
        return None
    return and_(*[or_(*_matches(spec, w)) for w in words])


def _matches(spec: ListSpec, word: str) -> list[ColumnElement[bool]]:
    """Conditions for one word: case-insensitive in SQL, or against a pre-lowered column."""
    found = [c.icontains(word, autoescape=True) for c in spec.searchable]
    return found + [c.contains(word.lower(), autoescape=True) for c in spec.lowered]


def apply_filters(stmt: Any, spec: ListSpec, query: ListQuery) -> Any:
    """Add the free-text and named filters to *stmt*."""
    clause = _text_clause(spec, query.text)
    if clause is not None:
        stmt = stmt.where(clause)
    for name, value in query.filters.items():
        if value and name in spec.filters:
            stmt = stmt.where(spec.filters[name](value))
    return stmt


class Paged(NamedTuple):
    """One page's rows, the total and whether the total is an estimate."""

    rows: list[Any]
    total: int
    estimated: bool


def run_page(
    session: Session, stmt: Any, spec: ListSpec, query: ListQuery, count_from: Any = None
) -> Paged:
    """Rows of the requested page and the total count, both computed in SQL.

    *count_from* is a leaner SELECT for counting when *stmt* only adds joins that cannot
    change the number of rows (e.g. a LEFT JOIN on a primary key for a name column). A sort
    key in ``spec.seekable`` pages by keyset (``services.paging``), any other by OFFSET.
    """
    stmt = apply_filters(stmt, spec, query)
    base = stmt if count_from is None else apply_filters(count_from, spec, query)
    identity = _identity(session, stmt, query)
    total, estimated = _total(session, base, identity, query)
    key = query.sort if query.sort and query.sort in spec.sortable else spec.default_sort
    order = _order(spec, key, query.descending)
    if key not in spec.seekable:
        page = stmt.order_by(*order.clauses()).offset(query.offset).limit(query.limit)
        return Paged(list(session.execute(page).all()), total, estimated)
    if estimated and not paging.near_known(identity, query):
        total, estimated = _total(session, base, identity, query.model_copy(update=_EXACT))
    known = None if estimated else total
    rows = paging.page(session, stmt, order, identity, query, known)
    return Paged(rows, total, estimated)


_EXACT = {"exact_total": True}


def _order(spec: ListSpec, key: str, descending: bool) -> paging.Order:
    """The sort column, then the tiebreak (the first sortable column), then the row key."""
    columns = [spec.sortable[key]]
    for extra in (next(iter(spec.sortable.values())), spec.key):
        if extra is not None and not any(extra is c for c in columns):
            columns.append(extra)
    return paging.Order(columns, [descending] + [False] * (len(columns) - 1))


def _identity(session: Session, stmt: Any, query: ListQuery) -> Hashable:
    """What makes two page requests the same list: database, reader, SQL, values and sort."""
    bind = session.get_bind()
    cache_key = stmt._generate_cache_key()  # SQLAlchemy's own statement identity, cheap
    if cache_key is None:  # a statement SQLAlchemy cannot cache: its SQL text
        sql, params = str(stmt.compile(dialect=bind.dialect)), repr(query)
    else:
        sql = _sql_text(cache_key.key, stmt, bind.dialect)
        params = repr([p.effective_value for p in cache_key.bindparams])
    reader = session.info.get(ACTOR)
    return (str(bind.engine.url), reader, sql, params, query.sort, query.descending)


_SQL: dict[Hashable, str] = {}
"""SQL text by statement cache key (two keys may name one SQL: memoised subquery state)."""


def _sql_text(key: Hashable, stmt: Any, dialect: Any) -> str:
    """The SQL of *stmt*, compiled once per cache key."""
    found = _SQL.get(key)
    if found is None:
        if len(_SQL) > 512:
            _SQL.clear()
        found = _SQL[key] = str(stmt.compile(dialect=dialect))
    return found


def _total(session: Session, base: Any, identity: Hashable, query: ListQuery) -> tuple[int, bool]:
    """The number of matching rows and whether it is an estimate (see ``services.counting``)."""
    if not query.exact_total:
        counted = counting.bounded(session, base)
        if counted <= counting.EXACT_UP_TO:
            return counted, False
        known = counting.EXACT.get(identity)
        if known is not None:
            return known, False
        guess = counting.estimate(session, base)
        if guess is not None:
            return max(guess, counted), True
    total = counting.exact(session, base)
    counting.EXACT.put(identity, total)
    return total, False
