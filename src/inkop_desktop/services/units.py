"""Units of work: a whole service call tried again when concurrent writers made it fail.

A serialization failure (40001), a deadlock (40P01), a lock not available (55P03), SQLite's
"database is locked" and a number taken meanwhile by another save abort the transaction; the
database has then kept nothing of it. The whole call is run again (re-read, re-check,
re-write) a bounded number of times after a short jittered pause. A ConcurrentEditError is
never tried again: someone else saved the record the user opened, and the user decides. A
call that already committed a write in an earlier transaction is not run again either, so a
unit is never saved twice or in part.
"""

from __future__ import annotations

import functools
import random
import threading
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError

from inkop_desktop.domain.errors import DomainError, WriteConflictError

P = ParamSpec("P")
T = TypeVar("T")
TRIES = 5
"""How often one unit of work is tried when concurrent saves made it fail."""
PAUSE = 0.01
"""Seconds: the first back-off's upper bound; it doubles with every attempt."""
MARK = "__unit_of_work__"
"""Set on every function wrapped by unit_of_work (checked by the coverage test)."""
NUMBERED = ("plan_item.reference", "direct_award.diarienummer", "number_series.series")
CONFLICT_TEXT = (
    "Andra sparade samtidigt, så posten kunde inte sparas trots flera försök. "
    "Inget har sparats; försök igen om en stund."
)
PARTLY_TEXT = (
    "Andra sparade samtidigt medan åtgärden pågick. Första delen hann sparas, resten inte; "
    "läs in posten på nytt och kontrollera den innan du fortsätter."
)


class _Unit(threading.local):
    """The unit of work running in this thread: nesting depth and whether it wrote."""

    depth = 0
    committed = False


_unit = _Unit()


def note_commit(wrote: bool) -> None:
    """A transaction of the running unit committed (``wrote``: it changed something)."""
    if wrote:
        _unit.committed = True


def in_unit() -> bool:
    """True inside a running unit of work (a nested service call)."""
    return _unit.depth > 0


def unit_of_work(method: Callable[P, T]) -> Callable[P, T]:
    """Run *method* as one unit of work; a nested call runs inside the outer unit."""
    if getattr(method, MARK, False):
        return method

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if _unit.depth:
            return method(*args, **kwargs)
        attempt = 1
        while True:
            _unit.depth, _unit.committed = 1, False
            try:
                return method(*args, **kwargs)
            except DomainError as exc:
                if not worth_again(exc):
                    raise
                if _unit.committed:
                    raise WriteConflictError(PARTLY_TEXT) from exc
                if attempt >= TRIES:
                    raise WriteConflictError(CONFLICT_TEXT) from exc
            finally:
                _unit.depth, _unit.committed = 0, False
            time.sleep(random.uniform(0, PAUSE * 2 ** (attempt - 1)))
            attempt += 1

    setattr(run, MARK, True)
    return run


def worth_again(exc: DomainError) -> bool:
    """Others writing at the same moment made it fail; never a ConcurrentEditError."""
    return isinstance(exc, WriteConflictError) or number_taken(exc.__cause__)


def number_taken(exc: BaseException | None) -> bool:
    """A unique violation on a number handed out by the app (taken meanwhile by another)."""
    if not isinstance(exc, IntegrityError):
        return False
    diag = getattr(exc.orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None)
    names = {f"uq_{n.replace('.', '_')}" for n in NUMBERED}
    text = str(exc.orig).lower()
    return constraint in names or any(f"unique constraint failed: {n}" in text for n in NUMBERED)
