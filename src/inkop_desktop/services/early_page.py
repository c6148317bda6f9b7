"""A list's opening page read at start, before the database layers load (the areas' shared part).

Only for a local SQLite file at the shipped schema (``db.quick_read``); otherwise None and the
page is read the ordinary way. Imports neither SQLAlchemy nor the tables (a test checks it).
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel

from inkop_desktop.db.quick_read import OpeningPage, Reader, first_page, sqlite_path
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.dto import ListQuery, Page

T = TypeVar("T", bound=BaseModel)


class QuickPage(Page[T], Generic[T]):
    """The first page, and whether the person is an inköpschef (who starts in the Översikt)."""

    inkopschef: bool = False


def is_local_file(url: str) -> bool:
    """True for a plain local SQLite file URL: the only kind read before the database opens."""
    return sqlite_path(url) is not None


def opening(sort: str, limit: int) -> ListQuery:
    """A list's first query: the records not closed, by *sort*, first page, no search."""
    return ListQuery(filters={"open": "1"}, sort=sort, limit=limit)


def opens(query: ListQuery, sort: str) -> bool:
    """True for a list's opening query by *sort* (the default order, so also no sort given)."""
    return (
        not query.text
        and query.filters == {"open": "1"}
        and query.sort in (None, sort)
        and not query.descending
        and query.offset == 0
    )


def read(
    url: str, login: str, limit: int, today: date, opening: OpeningPage, row: type[T]
) -> QuickPage[T] | None:
    """The *opening* page of *url* as rows of *row* (fields in the statement's order), or None."""
    path = sqlite_path(url)
    if path is None:
        return None
    found = first_page(path, opening, Reader(login, today, limit, Role.INKOPSCHEF.value))
    if found is None:
        return None
    fields = tuple(row.model_fields)
    rows = [row.model_validate(dict(zip(fields, r, strict=True))) for r in found.rows]
    page = QuickPage[row]  # type: ignore[valid-type]  # the row class given
    return page(rows=rows, total=found.total, offset=0, inkopschef=found.holds_role)
