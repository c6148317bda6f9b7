"""Keyset paging: the next, previous and last page are found by the sort key, not by OFFSET.

A list page remembers the sort key of the first and the last row of every page it served, per
list, search and sort. Asked for the page after (or before) a page it served, it seeks past that
row's key in an index; the last pages are read in reverse order from the end. Only a page far
from both a known row and the ends falls back to OFFSET (from the nearer end).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

Key = tuple[Any, ...]
"""The sort values of one row, in ORDER BY order."""
SEEK_LABEL = "seek_key_"
"""Prefix of the extra columns a page query selects to learn each row's sort key."""


@dataclass(frozen=True)
class Order:
    """The ORDER BY of a list: columns and whether each runs descending."""

    columns: Sequence[Any]
    descending: Sequence[bool]

    def clauses(self, reverse: bool = False) -> list[Any]:
        """ORDER BY terms, or the exact reverse order."""
        return [
            c.asc() if d == reverse else c.desc()
            for c, d in zip(self.columns, self.descending, strict=True)
        ]

    def past(self, key: Key, reverse: bool = False) -> ColumnElement[bool]:
        """Rows after *key* in this order (before it when *reverse*), lexicographically."""
        terms = []
        for i, (column, desc) in enumerate(zip(self.columns, self.descending, strict=True)):
            later = column < key[i] if desc != reverse else column > key[i]
            equal = [c == v for c, v in zip(self.columns[:i], key[:i], strict=True)]
            terms.append(and_(*equal, later))
        lead, desc = self.columns[0], self.descending[0]
        bound = lead <= key[0] if desc != reverse else lead >= key[0]
        return and_(bound, or_(*terms))  # the bound lets the index range start at the key

    def labelled(self) -> list[Any]:
        """The order's columns as extra SELECT columns."""
        return [c.label(f"{SEEK_LABEL}{i}") for i, c in enumerate(self.columns)]


def key_of(row: Any, width: int) -> Key:
    """The sort key a page query selected for *row*."""
    return tuple(getattr(row, f"{SEEK_LABEL}{i}") for i in range(width))


class Boundaries:
    """Known row keys by offset, per list identity (thread-safe, least recently used dropped)."""

    def __init__(self, lists: int = 64, per_list: int = 256) -> None:
        self._lists, self._per_list = lists, per_list
        self._known: OrderedDict[Hashable, OrderedDict[int, Key]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, identity: Hashable, offset: int) -> Key | None:
        """The key of the row at *offset*, if a served page held it."""
        with self._lock:
            known = self._known.get(identity)
            return None if known is None else known.get(offset)

    def remember(self, identity: Hashable, offset: int, keys: Sequence[Key]) -> None:
        """Keep the first and the last key of a page that starts at *offset*."""
        if not keys:
            return
        with self._lock:
            known = self._known.setdefault(identity, OrderedDict())
            self._known.move_to_end(identity)
            known[offset], known[offset + len(keys) - 1] = keys[0], keys[-1]
            while len(known) > self._per_list:
                known.popitem(last=False)
            while len(self._known) > self._lists:
                self._known.popitem(last=False)


BOUNDARIES = Boundaries()


def near_known(identity: Hashable, query: Any) -> bool:
    """True when the page starts at the top or next to a row a served page held."""
    start, size = query.offset, query.limit
    return start == 0 or any(
        BOUNDARIES.get(identity, at) is not None for at in (start - 1, start + size)
    )


def page(
    session: Any, stmt: Any, order: Order, identity: Hashable, query: Any, total: int | None
) -> list[Any]:
    """The rows at ``query.offset`` (``query.limit`` of them); *total* None when not exact."""
    start, size = query.offset, query.limit
    if total is not None and start >= total:
        return []
    chosen = stmt.add_columns(*order.labelled())
    before = BOUNDARIES.get(identity, start - 1) if start else None
    after = BOUNDARIES.get(identity, start + size)
    if start == 0 or before is not None:
        if before is not None:
            chosen = chosen.where(order.past(before))
        rows = _rows(session, chosen.order_by(*order.clauses()).limit(size))
    elif after is not None:
        seek = chosen.where(order.past(after, reverse=True))
        rows = _rows(session, seek.order_by(*order.clauses(reverse=True)).limit(size))[::-1]
    elif total is not None and start > total // 2:
        end = min(start + size, total)
        back = chosen.order_by(*order.clauses(reverse=True)).limit(end - start)
        rows = _rows(session, back.offset(total - end) if end < total else back)[::-1]
    else:
        rows = _rows(session, chosen.order_by(*order.clauses()).offset(start).limit(size))
    BOUNDARIES.remember(identity, start, [key_of(r, len(order.columns)) for r in rows])
    return rows


def _rows(session: Any, stmt: Any) -> list[Any]:
    """Every row of *stmt*."""
    return list(session.execute(stmt).all())
