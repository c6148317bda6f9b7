"""Paging a list by its sort key gives exactly the rows OFFSET paging would, in every direction.

17 contracts with only three end dates (ties broken by contract number), paged four at a time:
forwards, backwards from the last page, jumping straight to the last page, descending, with a
filter, and after a contract is added; on both engines. A large list's total is an estimate
until the exact count is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import chain
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.services import counting
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

COUNT = 17
SIZE = 4
ENDS = (date(2027, 3, 31), date(2028, 1, 31), date(2029, 12, 31))


@pytest.fixture
def contracts(services: Services, base_rows: BaseRows) -> Services:
    """*COUNT* contracts, numbered out of end-date order so ties need the number to sort."""
    for n in range(COUNT):
        number = f"SRM-2026-{(n * 13) % COUNT:04d}"
        services.contracts.create(
            contract_data(base_rows, contract_number=number, end_date=ENDS[n % len(ENDS)])
        )
    return services


def _numbers(services: Services, **query: object) -> list[str]:
    """The contract numbers of one page."""
    return [r.contract_number for r in services.contracts.list(ListQuery(**query)).rows]


def _joined(pages: Iterable[list[str]]) -> list[str]:
    """The pages' rows one after the other."""
    return list(chain.from_iterable(pages))


def _all(services: Services, **query: object) -> list[str]:
    """Every contract number in list order, read as one page."""
    return _numbers(services, limit=1000, **query)


@pytest.mark.parametrize("sort", [None, "contract_number"])
@pytest.mark.parametrize("descending", [False, True])
def test_next_and_previous_pages_walk_the_list_in_order(
    contracts: Services, sort: str | None, descending: bool
) -> None:
    order = {"sort": sort, "descending": descending}
    everything = _all(contracts, **order)
    assert len(everything) == COUNT
    forward = [_numbers(contracts, offset=o, limit=SIZE, **order) for o in range(0, COUNT, SIZE)]
    assert _joined(forward) == everything
    backward = [
        _numbers(contracts, offset=o, limit=SIZE, **order) for o in reversed(range(0, COUNT, SIZE))
    ]
    assert _joined(reversed(backward)) == everything


def test_walking_the_pages_never_skips_rows_by_offset(
    contracts: Services, sessions: sessionmaker[Session]
) -> None:
    """Each next or previous page and the last page seek by key: no OFFSET (a scan) in SQL."""
    statements: list[tuple[str, int]] = []

    def seen(_conn: object, _cur: object, sql: str, _p: object, context: Any, _many: bool) -> None:
        skipped = getattr(context.compiled.statement, "_offset", None)  # the SELECT's OFFSET
        statements.append((sql, skipped or 0))

    engine = sessions.kw["bind"]
    _all(contracts)  # a first request of this list
    event.listen(engine, "before_cursor_execute", seen)
    try:
        for o in (*range(0, COUNT, SIZE), *reversed(range(0, COUNT - SIZE, SIZE))):
            _numbers(contracts, offset=o, limit=SIZE)
        _numbers(contracts, offset=COUNT - 1, limit=SIZE)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert [sql for sql, skipped in statements if skipped] == []
    assert sum("LIMIT" in sql.upper() for sql, _ in statements) >= 2 * (COUNT // SIZE)


def test_the_last_page_at_once_holds_the_last_rows(contracts: Services) -> None:
    everything = _all(contracts)
    last = contracts.contracts.list(ListQuery(offset=16, limit=SIZE))
    assert [r.contract_number for r in last.rows] == everything[16:]
    assert last.total == COUNT and not last.estimated
    assert _numbers(contracts, offset=8, limit=SIZE) == everything[8:12]  # a page in between
    assert _numbers(contracts, offset=COUNT, limit=SIZE) == []


def test_a_filtered_list_pages_in_order(contracts: Services) -> None:
    filters = {"filters": {"active_on": "2027-12-31"}}  # the first end date has passed
    everything = _all(contracts, **filters)
    assert 0 < len(everything) < COUNT
    pages = [
        _numbers(contracts, offset=o, limit=SIZE, **filters)
        for o in range(0, len(everything), SIZE)
    ]
    assert _joined(pages) == everything


def test_a_contract_added_between_pages_appears_in_its_place(
    contracts: Services, base_rows: BaseRows
) -> None:
    first = _numbers(contracts, offset=0, limit=SIZE)
    contracts.contracts.create(
        contract_data(base_rows, contract_number="SRM-2026-0000A", end_date=ENDS[0])
    )
    everything = _all(contracts)
    assert "SRM-2026-0000A" in everything
    assert _numbers(contracts, offset=0, limit=SIZE) == everything[:SIZE] != first
    assert _numbers(contracts, offset=SIZE, limit=SIZE) == everything[SIZE : 2 * SIZE]


def test_a_large_total_is_estimated_until_counted_exactly(
    contracts: Services, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with sessions.begin() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("ANALYZE contract"))  # the planner's row estimate
    monkeypatch.setattr(counting, "EXACT_UP_TO", 5)
    counting.EXACT.clear()
    rough = contracts.contracts.list(ListQuery(limit=SIZE))
    assert rough.estimated and rough.total > 5
    exact = contracts.contracts.list(ListQuery(limit=SIZE, exact_total=True))
    assert (exact.total, exact.estimated) == (COUNT, False)
    again = contracts.contracts.list(ListQuery(offset=SIZE, limit=SIZE))
    assert (again.total, again.estimated) == (COUNT, False)


def test_a_small_total_is_exact(contracts: Services) -> None:
    page = contracts.contracts.list(ListQuery(text="Städtjänster", limit=SIZE))
    assert (page.total, page.estimated) == (COUNT, False)
