"""The procedure suggestion follows the thresholds valid on the planned start date."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.domain.procedure import Category, advise, category_for_cpv
from inkop_desktop.domain.reference import ReferenceTable, load_reference_file
from inkop_desktop.paths import resource


@pytest.fixture(scope="module")
def table() -> ReferenceTable:
    return ReferenceTable(load_reference_file(resource("data", "reference.json")))


def test_650_000_kr_is_below_the_limit_after_but_not_before_2022_02_01(
    table: ReferenceTable,
) -> None:
    value = Money.kronor(650_000)
    before = advise(value, date(2022, 1, 20), table, Category.VAROR_TJANSTER)
    after = advise(value, date(2022, 2, 1), table, Category.VAROR_TJANSTER)
    assert (before.level, before.procedure) == (1, Procedure.FORENKLAT)
    assert (after.level, after.procedure) == (0, Procedure.DIREKTUPPHANDLING)
    assert "19 a kap. 3 §" in after.legal_basis
    assert "626\u00a0284 kr" in before.explanation()


def test_eu_threshold_depends_on_year_and_category(table: ReferenceTable) -> None:
    value = Money.kronor(2_300_000)
    assert advise(value, date(2023, 6, 1), table, Category.VAROR_TJANSTER).level == 2
    assert advise(value, date(2024, 6, 1), table, Category.VAROR_TJANSTER).level == 1
    assert advise(value, date(2024, 6, 1), table, Category.BYGG).level == 1
    assert advise(Money.kronor(60_000_000), date(2024, 6, 1), table, Category.BYGG).level == 2


def test_missing_threshold_is_said_plainly_and_the_strict_procedure_assumed(
    table: ReferenceTable,
) -> None:
    advice = advise(Money.kronor(1_000_000), date(2026, 6, 1), table, Category.VAROR_TJANSTER)
    assert advice.level == 2
    assert advice.missing and "2026 saknas" in advice.missing
    assert "administratör" in advice.explanation()


def test_choosing_a_lighter_procedure_is_an_avsteg(table: ReferenceTable) -> None:
    advice = advise(Money.kronor(3_000_000), date(2025, 3, 1), table, Category.VAROR_TJANSTER)
    assert advice.is_below(Procedure.FORENKLAT)
    assert advice.is_below(Procedure.DIREKTUPPHANDLING)
    assert not advice.is_below(Procedure.OPPET)
    assert not advice.is_below(Procedure.AVROP)


def test_cpv_division_45_is_construction() -> None:
    assert category_for_cpv("45210000-2") is Category.BYGG
    assert category_for_cpv("90910000-9") is Category.VAROR_TJANSTER
