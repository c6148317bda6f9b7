"""Same-kind totals per keystroke: computed once per key, fiscal year and record, then re-used.

While the user types a value only the own amount changes, so the earlier awards (thousands in a
busy CPV group) are read once. Each call still reads a stamp of what the totals depend on, by
index only: the number and the summed row versions of the counted awards of the key and year,
and the same of the dated reference values. Any insert, change or removal moves the stamp and
the totals are computed afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DirectAward, ReferenceValue
from inkop_desktop.domain.calendar import fiscal_year, fiscal_year_bounds
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES
from inkop_desktop.services.direct_award.dto import RunningTotal

Stamp = tuple[object, ...]
_COUNTED = sorted(s.value for s in COUNTED_STATUSES)
_AWARDS = DirectAward.__table__.c
_REFERENCE = ReferenceValue.__table__.c


def awards_stamp(key: str, day: date) -> Select[tuple[int, int]]:
    """Number and summed versions of the counted awards of *key* and year (index only, 0018)."""
    first, last = fiscal_year_bounds(fiscal_year(day))
    return select(func.count(), func.coalesce(func.sum(_AWARDS.version), 0)).where(
        _AWARDS.same_kind_key == key,
        _AWARDS.award_date >= first,
        _AWARDS.award_date <= last,
        _AWARDS.status.in_(_COUNTED),
    )


def stamp(session: Session, key: str, day: date) -> Stamp:
    """What the totals of *key* in the fiscal year of *day* depend on, read from indexes."""
    reference = select(func.count(), func.coalesce(func.sum(_REFERENCE.version), 0))
    return (*session.execute(awards_stamp(key, day)).one(), *session.execute(reference).one())


def with_value(totals: list[RunningTotal], value_ore: int) -> list[RunningTotal]:
    """The same totals with *value_ore* as the award's own amount."""
    changed = []
    for t in totals:
        total = t.total_ore - t.own_ore + value_ore
        update = {"own_ore": value_ore, "total_ore": total, "reached": total >= t.limit_ore}
        changed.append(t.model_copy(update=update))
    return changed


class TotalsCache:
    """The last few computed totals, each under the stamp it was computed at (thread-safe)."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[Stamp, list[RunningTotal]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, current: Stamp) -> list[RunningTotal] | None:
        """The totals stored under *key* if nothing has changed since, else None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != current:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, current: Stamp, totals: list[RunningTotal]) -> None:
        """Keep *totals* under *key*, dropping the least recently used entry when full."""
        with self._lock:
            self._entries[key] = (current, totals)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
