"""The same-kind totals while the user types: the fiscal-year boundary and a change in between.

The totals are read once per key, year and record and re-used while nothing they depend on
changes; these tests prove a re-used total is never a stale one.
"""

from __future__ import annotations

from datetime import date

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, ready_record, world

__all__ = ["world"]


def _total(services: Services, day: date, value_ore: int = 10_000_000) -> int:
    """The Sörmland total of key 384 on *day* with *value_ore* typed in."""
    (total,) = services.direct_awards.running_totals(Parties.SORMLAND, "384", day, value_ore, None)
    return total.total_ore


def test_awards_count_within_their_fiscal_year_only(services: Services, world: AwardWorld) -> None:
    ready_record(services, world, value="200 000", award_date=date(2025, 12, 31))
    ready_record(services, world, value="150 000", award_date=date(2026, 1, 1))
    assert _total(services, date(2025, 12, 31)) == 20_000_000 + 10_000_000
    assert _total(services, date(2025, 1, 1)) == 20_000_000 + 10_000_000
    assert _total(services, date(2026, 1, 1)) == 15_000_000 + 10_000_000
    assert _total(services, date(2026, 12, 31)) == 15_000_000 + 10_000_000


def test_each_keystroke_and_a_finished_award_in_between_change_the_total(
    services: Services, world: AwardWorld
) -> None:
    day = date(2025, 9, 1)
    ready_record(services, world, value="200 000", award_date=date(2025, 3, 1))
    typed = [_total(services, day, ore) for ore in (100_00, 1_000_00, 10_000_00)]
    assert typed == [20_000_000 + 100_00, 20_000_000 + 1_000_00, 20_000_000 + 10_000_00]
    ready_record(services, world, value="300 000", award_date=date(2025, 4, 1))
    (total,) = services.direct_awards.running_totals(Parties.SORMLAND, "384", day, 50_000_000, None)
    assert total.total_ore == 100_000_000 and total.reached
    assert len(total.earlier) == 2
