"""Fiscal years and dated periods."""

from __future__ import annotations

from datetime import date


def fiscal_year(day: date) -> int:
    """The regions' fiscal year is the calendar year."""
    return day.year


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return date(year, 1, 1), date(year, 12, 31)


def format_date(day: date | None) -> str:
    """ISO date for display, empty for None."""
    return "" if day is None else day.isoformat()
