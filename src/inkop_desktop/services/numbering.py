"""Plan references and diarienummer from per-series counters, in the caller's transaction.

One ``UPDATE number_series … RETURNING`` hands out a number: on PostgreSQL the row lock makes
concurrent creates of one series wait for each other, on SQLite the write lock does. A number
already in use (typed in by hand, imported, demo data) is skipped by moving the counter past
the highest number of the series.

On the offline replica no number is handed out (the counters are the server's): a new record
gets a provisional label, ``Offline-1``, ``Offline-2`` …, and the server gives it its real
number when the operation is applied (``services.offline.numbers``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, case, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session

from inkop_desktop.db.base import utcnow
from inkop_desktop.db.offline.capture import is_replica
from inkop_desktop.db.tables import DirectAward, NumberSeries, PlanItem
from inkop_desktop.domain.organisation import Parties

_SERIES: Table = NumberSeries.__table__  # type: ignore[assignment]
PROVISIONAL = "Offline-"
"""The prefix of a number given on the replica, replaced by the server's on synchronisation."""


def _advance(session: Session, series: str, floor: int, count: int = 1) -> int | None:
    """Raise the counter to at least *floor*, add *count* and return it (None: no such series)."""
    column = _SERIES.c.last_number
    stmt = (
        update(_SERIES)
        .where(_SERIES.c.series == series)
        .values(
            last_number=case((column < floor, floor), else_=column) + count,
            version=_SERIES.c.version + 1,
            updated_at=utcnow(),
            updated_by=str(session.info.get("actor", "")),
        )
        .returning(column)
    )
    value = session.execute(stmt).scalar_one_or_none()
    return None if value is None else int(value)


def _start(session: Session, series: str, last: int) -> None:
    """Create the counter of *series* at *last*, unless a concurrent create just did."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    now, actor = utcnow(), str(session.info.get("actor", ""))
    values: dict[str, Any] = dict(
        id=uuid.uuid4(), version=1, series=series, last_number=last,
        created_at=now, created_by=actor, updated_at=now, updated_by=actor,
    )  # fmt: skip
    stmt = dialect.insert(_SERIES).values(**values)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["series"]))


def allocate(
    session: Session, series: str, highest: Callable[[], int], taken: Callable[[int], bool]
) -> int:
    """The next free number of *series*; *highest* and *taken* look at the numbered table."""
    number = _advance(session, series, 0)
    if number is None:
        _start(session, series, highest())
        number = _advance(session, series, 0)
    while number is None or taken(number):
        number = _advance(session, series, highest())
    return number


def allocate_block(
    session: Session,
    series: str,
    count: int,
    highest: Callable[[], int],
    taken: Callable[[range], set[int]],
) -> list[int]:
    """*count* free numbers of *series* with one counter update per try; *taken* gives the
    numbers of a range already in use (the counter then moves past the highest)."""
    free: list[int] = []
    floor = 0
    while len(free) < count:
        need = count - len(free)
        last = _advance(session, series, floor, need)
        if last is None:
            _start(session, series, highest())
            continue
        block = range(last - need + 1, last + 1)
        used = taken(block)
        free += [n for n in block if n not in used]
        floor = highest() if used else 0
    return free


def _numbers(session: Session, column: InstrumentedAttribute[str], prefix: str) -> list[int]:
    """The numbers after *prefix* in *column* (``UP-2026-0042`` → 42; corrections skipped)."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    values = session.execute(select(column).where(column.startswith(prefix))).scalars()
    return [int(m.group(1)) for v in values if (m := pattern.match(v))]


def _numbered(session: Session, column: InstrumentedAttribute[str], series: str, width: int) -> str:
    """``<series>-<number>`` with *width* digits; numbers *column* already holds are skipped."""
    if is_replica(session):
        return f"{PROVISIONAL}{max(_numbers(session, column, PROVISIONAL), default=0) + 1}"
    prefix = f"{series}-"

    def taken(number: int) -> bool:
        stmt = select(column).where(column == f"{prefix}{number:0{width}d}")
        return session.execute(stmt).first() is not None

    def highest() -> int:
        return max(_numbers(session, column, prefix), default=0)

    return f"{prefix}{allocate(session, series, highest, taken):0{width}d}"


def plan_references(session: Session, year: int, count: int) -> list[str]:
    """*count* next numbers of the year's plan series (an import's new rows), in order."""
    column, prefix = PlanItem.reference, f"UP-{year}-"

    def taken(block: range) -> set[int]:
        wanted = {f"{prefix}{n:04d}": n for n in block}
        found = session.execute(select(column).where(column.in_(list(wanted)))).scalars()
        return {wanted[r] for r in found}

    def highest() -> int:
        return max(_numbers(session, column, prefix), default=0)

    numbers = allocate_block(session, f"UP-{year}", count, highest, taken)
    return [f"{prefix}{n:04d}" for n in numbers]


def plan_reference(session: Session, year: int) -> str:
    """``UP-<år>-NNNN``: the next number of the year's plan series."""
    return _numbered(session, PlanItem.reference, f"UP-{year}", 4)


def diarienummer(session: Session, parties: Parties, year: int) -> str:
    """A provisional registry number, ``RS 2026-00007`` (RV for Västmanland)."""
    letters = "RV" if parties is Parties.VASTMANLAND else "RS"
    return _numbered(session, DirectAward.diarienummer, f"{letters} {year}", 5)
