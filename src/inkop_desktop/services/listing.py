"""Filter, sort and page a SELECT in SQL, for every list view."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlalchemy.orm import Session

from inkop_desktop.services.dto import ListQuery

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


def run_page(
    session: Session, stmt: Any, spec: ListSpec, query: ListQuery, count_from: Any = None
) -> tuple[list[Any], int]:
    """Rows of the requested page and the total count, both computed in SQL.

    *count_from* is a leaner SELECT for counting when *stmt* only adds joins that cannot
    change the number of rows (e.g. a LEFT JOIN on a primary key for a name column).
    """
    stmt = apply_filters(stmt, spec, query)
    base = stmt if count_from is None else apply_filters(count_from, spec, query)
    counting = base.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    total = session.execute(counting).scalar_one()
    key = query.sort if query.sort and query.sort in spec.sortable else spec.default_sort
    column = spec.sortable[key]
    order = column.desc() if query.descending else column.asc()
    tiebreak = next(iter(spec.sortable.values()))
    page = stmt.order_by(order, tiebreak).offset(query.offset).limit(query.limit)
    return list(session.execute(page).all()), int(total)
