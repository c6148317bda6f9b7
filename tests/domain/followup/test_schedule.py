"""When a contract is followed up: SKR's tiers as dated values, next due date, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.errors import MissingReferenceDataError
from inkop_desktop.domain.followup.schedule import (
    days_overdue,
    first_due,
    interval_months,
    is_due_soon,
    is_overdue,
    next_due,
)
from inkop_desktop.domain.reference import ReferenceTable, load_reference_file
from inkop_desktop.paths import resource

TABLE = ReferenceTable(load_reference_file(resource("data", "reference.json")))
DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("tier", "months"), [(RiskTier.KRITISK, 4), (RiskTier.HOG, 12), (RiskTier.NORMAL, 24)]
)
def test_the_critical_tenth_is_followed_up_most_often(tier: RiskTier, months: int) -> None:
    assert interval_months(TABLE, tier, DAY) == months


def test_an_interval_missing_for_the_date_is_a_swedish_error() -> None:
    with pytest.raises(MissingReferenceDataError, match="Uppföljningsintervall"):
        interval_months(TABLE, RiskTier.KRITISK, date(2019, 6, 1))


def test_next_due_is_one_interval_after_the_last_completed_follow_up() -> None:
    first = date(2027, 1, 10)
    assert next_due(None, 4, first) == first
    assert next_due(date(2026, 10, 31), 4, first) == date(2027, 2, 28)  # clamped month end
    assert next_due(date(2026, 3, 15), 24, first) == date(2028, 3, 15)


def test_a_long_running_contract_gets_its_first_follow_up_a_month_ahead() -> None:
    assert first_due(date(2020, 1, 1), 12, DAY) == date(2026, 12, 31)
    assert first_due(date(2026, 11, 1), 4, DAY) == date(2027, 3, 1)


def test_overdue_and_due_soon() -> None:
    assert is_overdue(date(2026, 11, 30), DAY) and days_overdue(date(2026, 11, 21), DAY) == 10
    assert not is_overdue(DAY, DAY) and days_overdue(DAY, DAY) == 0
    assert is_due_soon(date(2026, 12, 31), DAY) and not is_due_soon(date(2027, 1, 1), DAY)
    assert not is_due_soon(date(2026, 11, 30), DAY)
