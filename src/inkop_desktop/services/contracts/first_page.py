"""The Avtal page's opening page at start, read before the database layers are loaded.

Only the page's opening query (open contracts by end date, no search) of a local SQLite file at
the shipped schema (``services.early_page``); otherwise None and the page is read the ordinary way.
"""

from __future__ import annotations

from datetime import date

from inkop_desktop.db.quick_read import CONTRACTS
from inkop_desktop.services.contracts.rows import ContractRow
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.early_page import QuickPage, opening, opens, read

__all__ = ["first_page", "is_opening", "opening_query"]


def opening_query(limit: int) -> ListQuery:
    """The Avtal page's first query."""
    return opening("end_date", limit)


def is_opening(query: ListQuery) -> bool:
    """True for the Avtal page's opening query."""
    return opens(query, "end_date")


def first_page(
    url: str, login: str, query: ListQuery, today: date
) -> QuickPage[ContractRow] | None:
    """The opening page of the Avtal list straight from a local file, or None."""
    if not is_opening(query):
        return None
    return read(url, login, query.limit, today, CONTRACTS, ContractRow)
