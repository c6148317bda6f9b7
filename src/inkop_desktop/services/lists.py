"""Saving a record's list (contacts, suppliers, parties, CPV codes) as a diff of ORM rows."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

R = TypeVar("R")
K = TypeVar("K", bound=Hashable)


def sync_list(
    session: Session,
    stored: Iterable[R],
    wanted: Sequence[K],
    key: Callable[[R], K],
    make: Callable[[K], R],
) -> bool:
    """Keep stored rows that are still wanted, delete the others, add the missing ones.

    Rows go through the ORM so each change is audited and moves the parent's version; a
    kept row is never deleted and re-inserted, so no unique constraint can collide.
    Returns True if anything changed.
    """
    missing = list(wanted)
    changed = False
    for row in stored:
        value = key(row)
        if value in missing:
            missing.remove(value)
        else:
            session.delete(row)
            changed = True
    for value in missing:
        session.add(make(value))
    return changed or bool(missing)
