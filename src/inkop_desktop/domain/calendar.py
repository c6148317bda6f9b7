"""Fiscal years and dated periods."""

from __future__ import annotations

from datetime import date


def fiscal_year(day: date) -> int:
    """The regions' fiscal year is the calendar year."""
    return day.year


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(text: str, label: str) -> date | None:
    """An ISO date typed by the user (empty → None), or a Swedish ValidationError."""
    from inkop_desktop.domain.errors import ValidationError

    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(f"{label}: ”{cleaned}” är inte ett datum (ÅÅÅÅ-MM-DD).") from None


def parse_kronor(text: str, label: str) -> int:
    """Kronor typed by the user as öre (empty → 0), or a Swedish ValidationError."""
    from inkop_desktop.domain.errors import ValidationError
    from inkop_desktop.domain.money import Money

    cleaned = text.strip()
    if not cleaned:
        return 0
    try:
        return Money.kronor(cleaned).ore
    except ValidationError as exc:
        raise ValidationError(f"{label}: {exc.text}") from None
