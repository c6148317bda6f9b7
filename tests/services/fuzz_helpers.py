"""Settings for the service fuzz tests and the check that a call is saved or refused cleanly."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, settings
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.base import Base
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.input_types import text_problem

T = TypeVar("T")

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
"""Bounded so that the whole fuzz file stays well under a minute on both engines."""


def snapshot(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    """Row count and version sum of every table: any insert, update or delete changes it."""
    parts = []
    for table in Base.metadata.sorted_tables:
        parts.append(select(func.count()).select_from(table).scalar_subquery())
        if "version" in table.c:
            parts.append(select(func.coalesce(func.sum(table.c.version), 0)).scalar_subquery())
    with sessions() as s:
        return tuple(int(v) for v in s.execute(select(*parts)).one())


def saved_or_refused(sessions: sessionmaker[Session], call: Callable[[], T]) -> T | None:
    """Run *call*: it succeeds, or raises a DomainError with a clean Swedish text and no trace.

    Any other exception propagates and fails the test (that is what the GUI would show as
    "Ett oväntat fel inträffade").
    """
    before = snapshot(sessions)
    try:
        return call()
    except DomainError as exc:
        assert exc.text.strip(), "a refusal without a message"
        assert text_problem(exc.text) is None, f"the message cannot be shown: {exc.text!r}"
        assert snapshot(sessions) == before, f"a refused call left rows behind: {exc.text}"
        return None
