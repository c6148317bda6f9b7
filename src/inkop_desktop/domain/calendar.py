"""Fiscal years and dated periods."""

from __future__ import annotations

from datetime import date

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import FIRST_DAY, LAST_DAY, checked_day, printable


def fiscal_year(day: date) -> int:
    """The regions' fiscal year is the calendar year."""
    return day.year


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of a fiscal year (a year outside the sane range is refused)."""
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise ValidationError(
            f"År {year} måste ligga mellan {FIRST_DAY.year} och {LAST_DAY.year}.", field="year"
        )
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(text: str, label: str) -> date | None:
    """An ISO date typed by the user (empty → None), or a Swedish ValidationError."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        shown = printable(cleaned[:40])
        raise ValidationError(f"{label}: ”{shown}” är inte ett datum (ÅÅÅÅ-MM-DD).") from None
    return checked_day(day, label)


def parse_year(text: str, label: str) -> int:
    """A year typed by the user (e.g. in a list filter), or a Swedish ValidationError."""
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) == 4):
        raise ValidationError(f"{label}: ”{printable(cleaned[:40])}” är inte ett årtal.")
    return checked_day(date(int(cleaned), 1, 1), label).year


def parse_kronor(text: str, label: str) -> int:
    """Kronor typed by the user as öre (empty → 0), or a Swedish ValidationError."""
    from inkop_desktop.domain.money import Money

    cleaned = text.strip()
    if not cleaned:
        return 0
    try:
        return Money.kronor(cleaned).ore
    except ValidationError as exc:
        raise ValidationError(f"{label}: {exc.text}") from None
