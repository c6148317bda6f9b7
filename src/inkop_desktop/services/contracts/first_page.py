"""The Avtal page's first page at start, read before the database layers are loaded.

Only for a local SQLite database at the shipped schema and the page's opening query (open
contracts by end date, no search); otherwise None and the page is read the ordinary way.
Imports neither SQLAlchemy nor the tables (a test checks it).
"""

from __future__ import annotations

from datetime import date

from inkop_desktop.db.quick_read import contract_first_page, sqlite_path
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.contracts.rows import ContractRow
from inkop_desktop.services.dto import ListQuery, Page

__all__ = ["QuickPage", "first_page", "is_local_file", "is_opening", "opening_query"]


class QuickPage(Page[ContractRow]):
    """The first page, and whether the person is an inköpschef (who starts in the Översikt)."""

    inkopschef: bool = False


def is_local_file(url: str) -> bool:
    """True for a plain local SQLite file URL: the only kind read before the database opens."""
    return sqlite_path(url) is not None


def opening_query(limit: int) -> ListQuery:
    """The Avtal page's first query: contracts not yet ended, by end date."""
    return ListQuery(filters={"open": "1"}, sort="end_date", limit=limit)


def is_opening(query: ListQuery) -> bool:
    """True for the Avtal page's opening query: open contracts by end date, first page."""
    return (
        not query.text
        and query.filters == {"open": "1"}
        and query.sort in (None, "end_date")
        and not query.descending
        and query.offset == 0
    )


def first_page(url: str, login: str, query: ListQuery, today: date) -> QuickPage | None:
    """The opening page of the Avtal list straight from a local file, or None."""
    path = sqlite_path(url)
    if path is None or not is_opening(query):
        return None
    read = contract_first_page(path, today, query.limit, login, Role.INKOPSCHEF.value)
    if read is None:
        return None
    fields = tuple(ContractRow.model_fields)
    rows = [ContractRow.model_validate(dict(zip(fields, r, strict=True))) for r in read.rows]
    return QuickPage(rows=rows, total=read.total, offset=0, inkopschef=read.holds_role)
