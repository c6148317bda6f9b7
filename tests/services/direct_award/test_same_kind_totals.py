"""The same-kind totals while the user types: the fiscal-year boundary and a change in between.

The totals are read once per key, year and record and re-used while nothing they depend on
changes; these tests prove a re-used total is never a stale one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import event

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.direct_award import totals_cache
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


def test_a_withdrawn_award_leaves_the_total_it_was_counted_in(
    services: Services, world: AwardWorld
) -> None:
    day = date(2025, 9, 1)
    ready_record(services, world, value="200 000", award_date=date(2025, 3, 1))
    withdrawn = ready_record(services, world, value="300 000", award_date=date(2025, 4, 1))
    assert _total(services, day) == 50_000_000 + 10_000_000  # the cache now holds both
    services.direct_awards.reopen(withdrawn.id, withdrawn.version)  # klar → utkast: not counted
    (total,) = services.direct_awards.running_totals(Parties.SORMLAND, "384", day, 10_000_000, None)
    assert total.total_ore == 20_000_000 + 10_000_000
    assert [e.value_ore for e in total.earlier] == [20_000_000]


def test_an_award_in_the_next_fiscal_year_counts_there_only(
    services: Services, world: AwardWorld
) -> None:
    ready_record(services, world, value="200 000", award_date=date(2025, 3, 1))
    assert _total(services, date(2025, 9, 1)) == 20_000_000 + 10_000_000
    assert _total(services, date(2026, 9, 1)) == 10_000_000
    ready_record(services, world, value="300 000", award_date=date(2026, 2, 1))
    assert _total(services, date(2025, 9, 1)) == 20_000_000 + 10_000_000
    assert _total(services, date(2026, 9, 1)) == 30_000_000 + 10_000_000


@contextmanager
def _statements(services: Services) -> Iterator[list[str]]:
    """Every SQL statement the services' engine runs while the context is open."""
    engine = services.context.sessions.kw["bind"]
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_a_keystroke_reads_no_award_only_the_stamp_from_the_index(
    services: Services, world: AwardWorld
) -> None:
    day = date(2025, 9, 1)
    for month in (2, 3, 4):
        ready_record(services, world, value="100 000", award_date=date(2025, month, 1))
    assert _total(services, day) == 30_000_000 + 10_000_000  # the first call reads the awards
    with _statements(services) as seen:
        typed = [_total(services, day, ore) for ore in (1_00, 12_00, 123_00)]
    assert typed == [30_000_000 + 1_00, 30_000_000 + 12_00, 30_000_000 + 123_00]
    awards = [s for s in seen if "FROM direct_award" in s]
    assert len(awards) == 3 and not any("direct_award.title" in s for s in awards)
    plan = _plan(services, day)  # index only: no table row is read for the stamp
    assert "ix_direct_award_same_kind " in plan, plan
    assert "COVERING INDEX" in plan or "Index Only Scan" in plan, plan


def _plan(services: Services, day: date) -> str:
    """The query plan of the awards' stamp (on PostgreSQL among the index plans)."""
    engine = services.context.sessions.kw["bind"]
    stmt = totals_cache.awards_stamp("384", day)
    sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("VACUUM ANALYZE direct_award")  # statistics and visibility map
            for scan in ("seqscan", "bitmapscan"):  # three rows: a table scan would be cheaper
                conn.exec_driver_sql(f"SET enable_{scan} = off")
            return "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
        return "\n".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
