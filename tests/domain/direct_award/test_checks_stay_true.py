"""Derived checks follow the facts: the dated comparison, as-of totals, stale contract checks."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from inkop_desktop.domain.direct_award.contract_check import (
    ConfirmedCheck,
    basis_text,
    parse_basis,
    stale_reason,
)
from inkop_desktop.domain.direct_award.rules import assess
from inkop_desktop.domain.direct_award.same_kind import same_kind_totals
from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.reference import (
    Comparison,
    DatedValue,
    ReferenceTable,
    RefKey,
    Unit,
)
from tests.domain.direct_award.test_direct_award_rules import award, complete, table

__all__ = ["table"]


# --- each dated documentation rule carries its comparison --------------------------------


def test_the_shipped_rules_say_over_before_2022_and_at_least_after(table: ReferenceTable) -> None:
    old = table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, date(2022, 1, 31))
    new = table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, date(2022, 2, 1))
    assert (old.comparison, new.comparison) == (Comparison.OVER, Comparison.MINST)
    assert old.money == new.money == Money.kronor(100_000)


@pytest.mark.parametrize(
    ("day", "ore", "required"),
    [
        (date(2022, 1, 31), 10_000_000, False),  # "över 100 000 kr": exactly 100 000 is not over
        (date(2022, 1, 31), 10_000_001, True),
        (date(2022, 2, 1), 10_000_000, True),  # "minst 100 000 kr": exactly 100 000 is enough
        (date(2022, 2, 1), 9_999_999, False),
    ],
)
def test_documentation_duty_at_the_exact_limit(
    table: ReferenceTable, day: date, ore: int, required: bool
) -> None:
    ref = award(1, day, status=AwardStatus.UTKAST).model_copy(update={"value_ore": ore})
    result = assess(complete(ref, buyer_orgnrs=()), [], table)
    assert result.documentation_required is required
    missing = [p for p in result.problems if "Upphandlande myndighet" in p]
    assert bool(missing) is required
    if required:
        wording = "över" if day.year == 2022 and day.month == 1 else "minst"
        assert f"{wording} 100\u00a0000 kr" in missing[0]


def test_an_administrators_rule_uses_the_comparison_it_carries() -> None:
    rule = DatedValue(
        key=RefKey.LOU_DOCUMENTATION_DUTY,
        unit=Unit.KRONOR,
        amount=100_000,
        valid_from=date(2030, 1, 1),
        source="Ny lydelse",
        comparison=Comparison.OVER,
    )
    assert not rule.reached_by(Money.kronor(100_000)) and rule.reached_by(Money(10_000_001))
    assert rule.model_copy(update={"comparison": Comparison.MINST}).reached_by(
        Money.kronor(100_000)
    )


# --- a signed award's totals as they stood on its decision date ----------------------------


def test_a_signed_award_is_not_judged_by_awards_dated_after_it(table: ReferenceTable) -> None:
    signed = award(400_000, date(2025, 3, 1))
    later = award(400_000, date(2025, 9, 1))  # e.g. FUFA: counted, not blocked by the total
    earlier = award(100_000, date(2025, 2, 1))
    result = assess(complete(signed), [earlier, later], table)
    (total,) = result.totals
    assert [a.award_date for a in total.earlier] == [date(2025, 2, 1)]
    assert total.total == Money.kronor(500_000) and not total.reached and result.ok
    draft = award(400_000, date(2025, 3, 1), status=AwardStatus.UTKAST)
    blocked = assess(complete(draft), [earlier, later], table)
    assert blocked.totals[0].total == Money.kronor(900_000) and not blocked.ok


def test_on_the_same_day_only_awards_signed_before_it_count(table: ReferenceTable) -> None:
    day = date(2025, 3, 1)
    morning = award(300_000, day, signed_at=datetime(2025, 3, 1, 8, 0, tzinfo=UTC))
    noon = award(350_000, day, signed_at=datetime(2025, 3, 1, 11, 0))  # SQLite: no zone
    evening = award(300_000, day, signed_at=datetime(2025, 3, 1, 16, 0, tzinfo=UTC))
    (total,) = same_kind_totals(noon, [morning, evening], table)
    assert total.earlier == (morning,) and total.total == Money.kronor(650_000)


def test_a_fufa_award_after_a_signed_one_leaves_it_allowed(table: ReferenceTable) -> None:
    signed = award(400_000, date(2025, 3, 1))
    fufa = award(400_000, date(2025, 5, 1))
    assert assess(complete(signed), [fufa], table).ok
    current = award(200_000, date(2025, 6, 1), status=AwardStatus.UTKAST)
    assert assess(complete(current, legal_ground=LegalGround.FUFA), [signed, fufa], table).ok


# --- the "finns det avtal?" check and what it was based on ---------------------------------

A, B = uuid.uuid4(), uuid.uuid4()


def test_the_basis_is_stored_as_sorted_ids() -> None:
    text = basis_text([B, A, B])
    assert parse_basis(text) == {A, B} and text.count(",") == 1
    assert parse_basis("") == frozenset() and parse_basis(None) is None


def test_nothing_found_is_stale_once_a_contract_covers_the_need() -> None:
    none_found = ConfirmedCheck(checked=True, chosen=None, basis=frozenset())
    assert stale_reason(none_found, {}) is None
    reason = stale_reason(none_found, {A: "RV-2024-0007 Laboratorieutrustning"})
    assert reason is not None and "RV-2024-0007 Laboratorieutrustning" in reason
    assert "Finns avtal?" in reason and "avsteget" in reason


def test_a_check_past_one_contract_is_stale_when_the_contracts_differ() -> None:
    past_a = ConfirmedCheck(checked=True, chosen=A, basis=frozenset({A}))
    assert stale_reason(past_a, {A: "A"}) is None
    assert "B" in (stale_reason(past_a, {A: "A", B: "B"}) or "")
    assert "inte desamma" in (stale_reason(past_a, {}) or "")


def test_an_older_check_without_basis_is_judged_by_the_contract_it_named() -> None:
    legacy_none = ConfirmedCheck(checked=True, chosen=None, basis=None)
    legacy_a = ConfirmedCheck(checked=True, chosen=A, basis=None)
    assert stale_reason(legacy_none, {}) is None and stale_reason(legacy_none, {A: "A"})
    assert stale_reason(legacy_a, {A: "A"}) is None and stale_reason(legacy_a, {})
    unchecked = ConfirmedCheck(checked=False, chosen=None, basis=None)
    assert stale_reason(unchecked, {A: "A"}) is None  # "kontrollera först" says it already


def test_a_stale_check_blocks_like_a_missing_one(table: ReferenceTable) -> None:
    ref = award(250_000, date(2025, 5, 1), status=AwardStatus.UTKAST)
    stale = "Kontrollen av gällande avtal gäller inte längre: …"
    result = assess(complete(ref, contract_hits=1, contract_stale=stale), [], table)
    assert stale in result.problems and not result.ok
