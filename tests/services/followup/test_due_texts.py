"""How the list words a due date and the open deviations (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inkop_desktop.services.followup.overview import (
    SOON_DAYS,
    DueState,
    deviations_text,
    due_state,
    due_text,
)

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("days", "state", "text"),
    [
        (-90, DueState.FORSENAD, "90 dagar sen"),
        (-1, DueState.FORSENAD, "1 dag sen"),
        (0, DueState.SNART, "idag"),
        (1, DueState.SNART, "om 1 dag"),
        (SOON_DAYS, DueState.SNART, f"om {SOON_DAYS} dagar"),
        (SOON_DAYS + 1, DueState.PLANERAD, f"om {SOON_DAYS + 1} dagar"),
    ],
)
def test_due_state_and_text_around_today(days: int, state: DueState, text: str) -> None:
    due = TODAY + timedelta(days=days)
    assert (due_state(due, TODAY), due_text(due, TODAY)) == (state, text)


def test_no_plan() -> None:
    assert (due_state(None, TODAY), due_text(None, TODAY)) == (DueState.UTAN_PLAN, "Saknar plan")


@pytest.mark.parametrize(
    ("open_count", "serious", "text"),
    [
        (0, 0, ""),
        (1, 0, "1 öppen"),
        (1, 1, "1 öppen (1 allvarlig)"),
        (2, 1, "2 öppna (1 allvarlig)"),
        (5, 3, "5 öppna (3 allvarliga)"),
    ],
)
def test_open_deviations_in_words(open_count: int, serious: int, text: str) -> None:
    assert deviations_text(open_count, serious) == text
