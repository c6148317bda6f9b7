"""When a contract is to be followed up: interval per risk tier, next due date, overdue."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.reference import ReferenceTable, RefKey

INTERVAL_KEYS = {
    RiskTier.KRITISK: RefKey.FOLLOWUP_INTERVAL_CRITICAL,
    RiskTier.HOG: RefKey.FOLLOWUP_INTERVAL_HIGH,
    RiskTier.NORMAL: RefKey.FOLLOWUP_INTERVAL_NORMAL,
}
"""The dated reference value (months between follow-ups) of each SKR tier."""

SOON_DAYS = 30
"""A follow-up due within this many days is marked as coming up."""

FIRST_LEAD_DAYS = 30
"""A contract already running when it gets a plan is followed up at the earliest this much later."""


def add_months(day: date, months: int) -> date:
    """*day* moved by *months* calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def interval_months(table: ReferenceTable, tier: RiskTier, day: date) -> int:
    """The months between follow-ups for *tier* valid on *day* (MissingReferenceDataError)."""
    return table.as_of(INTERVAL_KEYS[tier], day).amount


def first_due(start: date, interval: int, today: date) -> date:
    """The first follow-up: one interval after the contract starts, never sooner than a month."""
    return max(add_months(start, interval), today + timedelta(days=FIRST_LEAD_DAYS))


def next_due(last_completed: date | None, interval: int, first: date) -> date:
    """One interval after the last completed follow-up; *first* while none is completed."""
    if last_completed is None:
        return first
    return add_months(last_completed, interval)


def replanned_due(last_completed: date | None, interval: int, start: date, today: date) -> date:
    """The due date for a new *interval*: from the last completed follow-up, else a first one."""
    return next_due(last_completed, interval, first_due(start, interval, today))


def days_overdue(due: date, today: date) -> int:
    """Days past *due* (0 when not overdue)."""
    return max((today - due).days, 0)


def is_overdue(due: date, today: date) -> bool:
    """True when the follow-up was due before *today*."""
    return due < today


def is_due_soon(due: date, today: date, days: int = SOON_DAYS) -> bool:
    """True when the follow-up is not overdue but due within *days*."""
    return today <= due <= today + timedelta(days=days)
