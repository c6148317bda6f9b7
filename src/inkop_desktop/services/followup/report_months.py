"""Follow-ups due and done per calendar month, and the deviations open at each month's end."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.followup.report_facts import Facts

MONTHS_BACK = 8
MONTHS_AHEAD = 3


class MonthRow(BaseModel):
    """One calendar month of the chart; open deviations only up to the current month."""

    model_config = FROZEN
    month: str
    due: int
    done: int
    open_deviations: int | None


def month_start(day: date, shift: int = 0) -> date:
    """The first day of *day*'s month moved *shift* months."""
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _key(day: date) -> str:
    """ "2026-05"."""
    return f"{day.year:04d}-{day.month:02d}"


def per_month(
    facts: Facts, back: int = MONTHS_BACK, ahead: int = MONTHS_AHEAD
) -> tuple[MonthRow, ...]:
    """Due (done ones by their due date, outstanding plans by their next due), done, open."""
    today = facts.today
    starts = [month_start(today, shift) for shift in range(-back, ahead + 1)]
    due = dict.fromkeys(map(_key, starts), 0)
    done = dict.fromkeys(due, 0)
    for d in facts.done:
        if _key(d.due_on) in due:
            due[_key(d.due_on)] += 1
        if _key(d.performed_on) in done:
            done[_key(d.performed_on)] += 1
    for c in facts.contracts.values():
        if c.in_scope and c.next_due is not None and _key(c.next_due) in due:
            due[_key(c.next_due)] += 1
    rows = []
    for start in starts:
        end = min(month_start(start, 1) - timedelta(days=1), today)
        still = sum(1 for d in facts.deviations if d.open_on(end)) if start <= today else None
        rows.append(
            MonthRow(
                month=_key(start),
                due=due[_key(start)],
                done=done[_key(start)],
                open_deviations=still,
            )
        )
    return tuple(rows)
