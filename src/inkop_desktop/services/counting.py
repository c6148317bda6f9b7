"""A list's total: exact when small, otherwise an estimate until the exact count is asked for.

Counting every matching row of a large table costs more than reading a page, so a list counts
at most ``EXACT_UP_TO`` + 1 rows. Above that an unfiltered list's total is an estimate (the
table's size: PostgreSQL's ``reltuples``, SQLite's largest rowid; a filtered list is counted
exactly) until a query asks for the exact total (the GUI does so in the background); an exact
total is then re-used for ``KEEP_S`` seconds or until this program commits a change.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from sqlalchemy import Table, event, func, select, text
from sqlalchemy.orm import Session

EXACT_UP_TO = 10_000
KEEP_S = 30.0


class ExactTotals:
    """Exact totals by list identity, dropped after ``KEEP_S`` or any local commit."""

    def __init__(self, size: int = 128) -> None:
        self._size = size
        self._totals: OrderedDict[Hashable, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, identity: Hashable) -> int | None:
        """The exact total counted lately for *identity*, or None."""
        with self._lock:
            found = self._totals.get(identity)
            if found is None or time.monotonic() - found[0] > KEEP_S:
                return None
            return found[1]

    def put(self, identity: Hashable, total: int) -> None:
        """Remember an exact total."""
        with self._lock:
            self._totals[identity] = (time.monotonic(), total)
            self._totals.move_to_end(identity)
            while len(self._totals) > self._size:
                self._totals.popitem(last=False)

    def clear(self) -> None:
        """Forget every total (something was written)."""
        with self._lock:
            self._totals.clear()


EXACT = ExactTotals()


def _written(session: Session) -> None:
    """after_commit: a commit that wrote rows makes every remembered total doubtful."""
    if session.info.pop("counting.wrote", False):
        EXACT.clear()


def _wrote(session: Session, _context: Any) -> None:
    """after_flush: note that this transaction changed rows."""
    session.info["counting.wrote"] = True


def _statement(state: Any) -> None:
    """do_orm_execute: an INSERT, UPDATE or DELETE run without a flush writes rows too."""
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["counting.wrote"] = True


event.listen(Session, "after_flush", _wrote)
event.listen(Session, "do_orm_execute", _statement)
event.listen(Session, "after_commit", _written)


def bounded(session: Session, base: Any) -> int:
    """How many rows *base* yields, counting no further than ``EXACT_UP_TO`` + 1."""
    inner = base.order_by(None).limit(EXACT_UP_TO + 1).subquery()
    limited = select(func.count()).select_from(inner)
    return int(session.execute(limited).scalar_one())


def exact(session: Session, base: Any) -> int:
    """Every row *base* yields, counted."""
    counting = base.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    return int(session.execute(counting).scalar_one())


def estimate(session: Session, base: Any) -> int | None:
    """The size of the one table *base* reads unfiltered (an estimate), else None.

    PostgreSQL: the planner's ``reltuples`` (None before the first ANALYZE); SQLite: the
    largest rowid (exact unless rows were deleted).
    """
    froms = base.get_final_froms()
    if base.whereclause is not None or len(froms) != 1 or not isinstance(froms[0], Table):
        return None
    table = froms[0]
    if session.get_bind().dialect.name == "postgresql":
        stmt = text("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(:name)")
        found = session.execute(stmt, {"name": table.name}).scalar_one_or_none()
        return None if found is None or found < 0 else int(found)
    largest = select(func.coalesce(func.max(text("rowid")), 0)).select_from(table)
    return int(session.execute(largest).scalar_one())
