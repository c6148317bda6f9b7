"""Limits and thresholds are dated data read from resources/, queried as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.errors import MissingReferenceDataError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.reference import (
    DatedValue,
    ReferenceTable,
    RefKey,
    Unit,
    load_reference_file,
)
from inkop_desktop.paths import resource


@pytest.fixture(scope="module")
def table() -> ReferenceTable:
    return ReferenceTable(load_reference_file(resource("data", "reference.json")))


def test_direct_award_limit_changes_on_2022_02_01(table: ReferenceTable) -> None:
    before = table.as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, date(2022, 1, 15))
    after = table.as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, date(2022, 2, 1))
    assert before.money == Money.kronor(626284)
    assert after.money == Money.kronor(700000)
    assert "19 a kap." in after.source


def test_documentation_duty_from_100000(table: ReferenceTable) -> None:
    assert table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, date(2026, 5, 1)).money == Money.kronor(
        100000
    )


def test_eu_threshold_2024_and_missing_2026_said_plainly(table: ReferenceTable) -> None:
    assert table.as_of(RefKey.LOU_EU_GOODS_SERVICES, date(2025, 6, 1)).amount == 2389585
    with pytest.raises(MissingReferenceDataError, match=r"2026 saknas.*administratör"):
        table.as_of(RefKey.LOU_EU_GOODS_SERVICES, date(2026, 6, 1))


def test_guideline_tiers_are_scoped_per_region(table: ReferenceTable) -> None:
    tiers = table.tiers(RefKey.GUIDE_MIN_SUPPLIERS, date(2026, 3, 1), scope="SRM")
    assert [(t.from_amount_kr, t.amount) for t in tiers] == [(0, 1), (100000, 3)]


def test_an_administrators_value_fills_the_gap() -> None:
    added = DatedValue(
        key=RefKey.LOU_EU_GOODS_SERVICES,
        unit=Unit.KRONOR,
        amount=2_400_000,
        valid_from=date(2026, 1, 1),
        valid_to=date(2027, 12, 31),
        source="Konkurrensverket (inlagt av administratör)",
    )
    table = ReferenceTable([added])
    assert table.as_of(RefKey.LOU_EU_GOODS_SERVICES, date(2026, 6, 1)) == added


def test_an_inverted_period_is_refused() -> None:
    with pytest.raises(ValueError, match="Slutdatum"):
        DatedValue(
            key=RefKey.LEAD_EU,
            unit=Unit.MONTHS,
            amount=12,
            valid_from=date(2026, 1, 1),
            valid_to=date(2025, 1, 1),
            source="x",
        )


def test_no_amount_is_a_constant_in_the_code() -> None:
    from pathlib import Path

    import inkop_desktop

    src = Path(inkop_desktop.__file__).parent
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in src.rglob("*.py")
        if "demo" not in p.relative_to(src).parts
    )
    for amount in ("700000", "700_000", "626284", "2389585", "100000", "100_000"):
        assert amount not in text, f"{amount} står som konstant i koden"
