"""Which lead time a re-procurement needs, across threshold and lead-time dates."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.contracts.alerts import (
    BELOW,
    DIRECT,
    EU,
    DeadlineKind,
    alert_for,
    deadlines,
    lead_time,
)
from inkop_desktop.domain.contracts.terms import OptionInput, option_schedule
from inkop_desktop.domain.errors import MissingReferenceDataError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey, Unit

GOODS, WORKS = "90910000-9", "45210000-2"


def _kr(key: RefKey, amount: int, start: date, end: date | None = None) -> DatedValue:
    return DatedValue(
        key=key, unit=Unit.KRONOR, amount=amount, valid_from=start, valid_to=end, source="test"
    )


def _months(key: RefKey, amount: int, start: date, end: date | None = None) -> DatedValue:
    return DatedValue(
        key=key, unit=Unit.MONTHS, amount=amount, valid_from=start, valid_to=end, source="test"
    )


@pytest.fixture
def table() -> ReferenceTable:
    """Thresholds for 2024–2025 only; the EU lead time shortens from 2026-01-01."""
    y24, y25, y26 = date(2024, 1, 1), date(2025, 12, 31), date(2026, 1, 1)
    return ReferenceTable(
        [
            _kr(RefKey.LOU_DIRECT_AWARD_LIMIT, 700_000, date(2022, 2, 1)),
            _kr(RefKey.LOU_EU_GOODS_SERVICES, 2_389_585, y24, y25),
            _kr(RefKey.LOU_EU_WORKS, 59_880_179, y24, y25),
            _months(RefKey.LEAD_EU, 12, date(2020, 1, 1), y25),
            _months(RefKey.LEAD_EU, 9, y26),
            _months(RefKey.LEAD_BELOW, 6, date(2020, 1, 1)),
            _months(RefKey.LEAD_DIRECT, 2, date(2020, 1, 1)),
        ]
    )


@pytest.mark.parametrize(
    ("kronor", "cpv", "level", "months"),
    [
        (699_999, GOODS, DIRECT, 2),
        (700_000, GOODS, BELOW, 6),
        (2_389_584, GOODS, BELOW, 6),
        (2_389_585, GOODS, EU, 12),
        (10_000_000, WORKS, BELOW, 6),  # CPV division 45 uses the works threshold
        (59_880_179, WORKS, EU, 12),
    ],
)
def test_value_against_the_thresholds_of_the_day_decides_the_lead_time(
    table: ReferenceTable, kronor: int, cpv: str, level: int, months: int
) -> None:
    lead = lead_time(Money.kronor(kronor), cpv, table, date(2025, 6, 1))
    assert (lead.level, lead.months, lead.note) == (level, months, None)


def test_missing_threshold_falls_back_to_the_eu_lead_time_and_says_so(
    table: ReferenceTable,
) -> None:
    before = lead_time(Money.kronor(1_000_000), GOODS, table, date(2025, 12, 31))
    after = lead_time(Money.kronor(1_000_000), GOODS, table, date(2026, 1, 1))
    assert (before.level, before.months, before.note) == (BELOW, 6, None)
    assert (after.level, after.months) == (EU, 9)  # the EU lead time valid from 2026
    assert after.note == "Tröskelvärde för 2026 saknas — längsta ledtid används."
    small = lead_time(Money.kronor(100_000), GOODS, table, date(2026, 1, 1))
    assert (small.level, small.note) == (DIRECT, None)  # the direct-award limit is known


def test_missing_lead_time_is_a_swedish_error() -> None:
    empty = ReferenceTable([_kr(RefKey.LOU_DIRECT_AWARD_LIMIT, 700_000, date(2022, 2, 1))])
    with pytest.raises(MissingReferenceDataError, match="Ledtid för direktupphandling"):
        lead_time(Money.kronor(1), GOODS, empty, date(2026, 1, 1))


def test_alert_when_the_end_lies_within_the_lead_time_across_the_lead_time_change(
    table: ReferenceTable,
) -> None:
    end = date(2026, 10, 15)
    on_2025 = lead_time(Money.kronor(3_000_000), GOODS, table, date(2025, 12, 1))
    alert = alert_for(end, 3, [], on_2025, date(2025, 12, 1))
    assert alert is not None and alert.start_by == date(2025, 10, 15)
    assert alert.is_late(date(2025, 12, 1))
    assert "skulle ha påbörjats 2025-10-15" in alert.text(date(2025, 12, 1))
    on_2026 = lead_time(Money.kronor(3_000_000), GOODS, table, date(2026, 1, 2))
    assert on_2026.months == 9
    assert alert_for(end, 3, [], on_2026, date(2026, 1, 2)) is None  # starts 2026-01-15
    alert = alert_for(end, 3, [], on_2026, date(2026, 1, 15))
    assert alert is not None and not alert.is_late(date(2026, 1, 15))
    assert "Tröskelvärde för 2026 saknas" in alert.text(date(2026, 1, 15))


def test_an_open_option_deadline_comes_before_the_end(table: ReferenceTable) -> None:
    terms = option_schedule(date(2026, 12, 31), 6, [OptionInput(months=12)])
    found = deadlines(date(2026, 12, 31), 6, terms)
    assert [(d.kind, d.day) for d in found] == [
        (DeadlineKind.OPTION, date(2026, 6, 30)),
        (DeadlineKind.SLUT, date(2026, 12, 31)),
    ]
    lead = lead_time(Money.kronor(500_000), GOODS, table, date(2026, 5, 1))
    alert = alert_for(date(2026, 12, 31), 6, terms, lead, date(2026, 5, 1))
    assert alert is not None and alert.deadline.kind is DeadlineKind.OPTION
    assert alert.deadline.ends_on == date(2026, 12, 31)
    assert alert.text(date(2026, 5, 1)).startswith("Sista dag för beslut om option 1: 2026-06-30.")


def test_without_open_options_the_notice_date_is_a_deadline_but_never_an_alert(
    table: ReferenceTable,
) -> None:
    found = deadlines(date(2026, 12, 31), 3, [])
    assert [d.kind for d in found] == [DeadlineKind.UPPSAGNING, DeadlineKind.SLUT]
    lead = lead_time(Money.kronor(100_000), GOODS, table, date(2026, 11, 1))
    alert = alert_for(date(2026, 12, 31), 3, [], lead, date(2026, 11, 1))
    assert alert is not None and alert.deadline.kind is DeadlineKind.SLUT
    assert alert_for(date(2026, 10, 31), 3, [], lead, date(2026, 11, 1)) is None  # ended
