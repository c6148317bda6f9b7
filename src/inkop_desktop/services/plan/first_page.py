"""The plan's opening page at start, read before the database layers are loaded.

Only the page's opening query (open items by reference, no search or filter) of a local SQLite
file at the shipped schema (``services.early_page``); otherwise None and the ordinary read.
"""

from __future__ import annotations

from datetime import date

from inkop_desktop.db.quick_read import PLAN
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.early_page import QuickPage, opening, opens, read
from inkop_desktop.services.plan.rows import PlanRow

__all__ = ["first_page", "is_opening", "opening_query"]


def opening_query(limit: int) -> ListQuery:
    """The plan page's first query."""
    return opening("reference", limit)


def is_opening(query: ListQuery) -> bool:
    """True for the plan page's opening query."""
    return opens(query, "reference")


def first_page(url: str, login: str, query: ListQuery, today: date) -> QuickPage[PlanRow] | None:
    """The opening page of the plan straight from a local file, or None."""
    if not is_opening(query):
        return None
    return read(url, login, query.limit, today, PLAN, PlanRow)
