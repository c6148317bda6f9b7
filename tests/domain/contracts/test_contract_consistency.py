"""A contract's own figures agree: annual within total, stated years, options in turn."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from inkop_desktop.domain.contracts.consistency import (
    exercise_order_problem,
    exercised_months,
    period_problem,
    stated_years,
    without_stated_years,
)
from inkop_desktop.domain.contracts.model import ContractInput, OptionDecision
from inkop_desktop.domain.contracts.terms import OptionInput
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.domain.validation import parse

USED, OPEN, DECLINED = OptionDecision.UTNYTTJAD, OptionDecision.EJ_BESLUTAD, OptionDecision.AVBOJD


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("Städtjänster 2023–2027", (2023, 2027)),
        ("Städtjänster 2023-2027 – Region Sörmland", (2023, 2027)),
        ("Tolk 2024 — 2026", (2024, 2026)),
        ("Artikel 12023-20271", None),
        ("Städtjänster", None),
    ],
)
def test_the_years_a_title_states(title: str, years: tuple[int, int] | None) -> None:
    assert stated_years(title) == years


def test_a_title_without_its_years() -> None:
    assert without_stated_years("bärbara datorer 2022–2026 – akuten") == "bärbara datorer – akuten"


def test_the_period_must_match_the_stated_years_options_included() -> None:
    one_year = period_problem("Städ 2023–2027", date(2023, 1, 1), date(2023, 12, 31),
                              date(2023, 12, 31))  # fmt: skip
    assert one_year is not None and "anger perioden 2023–2027" in one_year
    assert "2023-01-01 – 2023-12-31" in one_year
    assert period_problem("Städ 2023–2027", date(2023, 4, 1), date(2027, 3, 31),
                          date(2027, 3, 31)) is None  # fmt: skip
    assert period_problem("Städ 2023–2027", date(2023, 4, 1), date(2025, 3, 31),
                          date(2027, 3, 31)) is None  # fmt: skip
    late_start = period_problem("Städ 2023–2027", date(2024, 1, 1), date(2027, 12, 31),
                                date(2027, 12, 31))  # fmt: skip
    assert late_start is not None
    assert period_problem("Städ", date(2024, 1, 1), date(2024, 6, 30), date(2024, 6, 30)) is None


def test_options_are_exercised_in_turn() -> None:
    def opts(*decisions: OptionDecision) -> list[OptionInput]:
        return [OptionInput(months=12, decision=d) for d in decisions]

    assert exercise_order_problem(opts(USED, USED, OPEN)) is None
    assert exercise_order_problem(opts(USED, DECLINED, DECLINED)) is None
    problem = exercise_order_problem(opts(USED, OPEN, USED))
    assert problem == (
        "Option 3 kan inte vara utnyttjad när option 2 inte är det: optionerna förlänger "
        "avtalet i tur och ordning."
    )
    assert exercised_months([OptionInput(months=24, decision=USED), *opts(OPEN)]) == 24


def test_annual_value_above_total_names_the_annual_field() -> None:
    data = {
        "contract_number": "X-1", "title": "Städ",
        "parties": Parties.SORMLAND, "procedure": Procedure.OPPET,
        "cpv": "90910000-9", "start_date": date(2025, 1, 1), "end_date": date(2025, 12, 31),
        "total_value_ore": 100_000_00, "annual_value_ore": 100_000_01,
        "owner_id": uuid.UUID(int=1),
        "handlaggare_id": uuid.UUID(int=2),
        "supplier_ids": (uuid.UUID(int=3),),
    }  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        parse(ContractInput, data)
    assert refused.value.field == "annual_value_ore"
    assert refused.value.text.startswith("Årligt värde: får inte vara större än det totala")
    assert parse(ContractInput, {**data, "annual_value_ore": 100_000_00}).annual_value_ore
