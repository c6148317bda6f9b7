"""Every writing service call is one unit of work, tried again whole when writers collide."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import threading
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

import inkop_desktop.services as services_package
from inkop_desktop.db.tables import NumberSeries
from inkop_desktop.domain.errors import ConcurrentEditError, WriteConflictError
from inkop_desktop.services.base import Service, ServiceContext
from inkop_desktop.services.registry import Services
from inkop_desktop.services.units import CONFLICT_TEXT, MARK, PARTLY_TEXT, TRIES

SERIES = ("A", "B")


def _all_service_classes() -> set[type[Service]]:
    """Every Service subclass in the services package (every module imported first)."""
    for info in pkgutil.walk_packages(services_package.__path__, "inkop_desktop.services."):
        importlib.import_module(info.name)
    found: set[type[Service]] = set()
    todo = list(Service.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("inkop_desktop.") and cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


def _public_methods(cls: type) -> dict[str, Any]:
    """The public functions a caller can reach on *cls*, inherited ones included."""
    return {
        name: value
        for name, value in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_every_public_method_of_every_registered_service_is_one_unit_of_work() -> None:
    classes = set(Services.registered())
    classes |= _all_service_classes()
    assert all(issubclass(c, Service) for c in classes)
    uncovered, covered = [], 0
    for cls in sorted(classes, key=lambda c: c.__qualname__):
        for name, method in _public_methods(cls).items():
            if getattr(method, MARK, False):
                covered += 1
            else:
                uncovered.append(f"{cls.__qualname__}.{name}")
    assert uncovered == []
    assert covered > 150  # the walk did reach the services' methods
    contracts = Services.create(ServiceContext(sessionmaker()))
    assert getattr(contracts.contracts.update.__func__, MARK)  # type: ignore[attr-defined]
    assert getattr(contracts.direct_awards.sign_pades.__func__, MARK)  # type: ignore[attr-defined]


def test_a_service_method_that_would_yield_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="returns its result"):

        class _Streaming(Service):
            def rows(self) -> Any:
                yield from ()


class _Busy(Exception):
    """A driver error as psycopg raises it for a serialization failure."""

    sqlstate = "40001"


class _Counters(Service):
    """Bumps the counters of series A and B; fails as told on the first attempts."""

    def __init__(self, context: ServiceContext, fail: list[BaseException]) -> None:
        super().__init__(context)
        self.fail, self.calls = fail, 0

    def bump(self) -> int:
        self.calls += 1
        with self._session() as s:
            for series in SERIES:
                s.execute(_add_one(series))
            s.flush()
            if self.fail:
                raise self.fail.pop(0)
            return _value(s, "A")

    def bump_in_two_parts(self) -> None:
        self.calls += 1
        with self._session() as s:
            s.execute(_add_one("A"))
        with self._session() as s:
            s.execute(_add_one("B"))
            raise _serialization_failure()


def _add_one(series: str) -> Any:
    return (
        update(NumberSeries)
        .where(NumberSeries.series == series)
        .values(last_number=NumberSeries.last_number + 1)
    )


def _value(s: Session, series: str) -> int:
    stmt = select(NumberSeries.last_number).where(NumberSeries.series == series)
    return int(s.execute(stmt).scalar_one())


def _serialization_failure() -> OperationalError:
    return OperationalError("UPDATE number_series", {}, _Busy("could not serialize access"))


def _seed(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        s.add_all(NumberSeries(version=1, series=n, last_number=0) for n in SERIES)


def _counts(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions() as s:
        return _value(s, "A"), _value(s, "B")


def test_a_serialization_failure_runs_the_whole_unit_again_and_it_commits_once(
    sessions: sessionmaker[Session],
) -> None:
    _seed(sessions)
    counters = _Counters(ServiceContext(sessions), [_serialization_failure()] * 2)
    assert counters.bump() == 1 and counters.calls == 3
    assert _counts(sessions) == (1, 1)
    counters = _Counters(ServiceContext(sessions), [_serialization_failure()] * TRIES)
    with pytest.raises(WriteConflictError) as refused:
        counters.bump()
    assert refused.value.text == CONFLICT_TEXT and counters.calls == TRIES
    assert _counts(sessions) == (1, 1)


def test_a_concurrent_edit_is_never_tried_again(sessions: sessionmaker[Session]) -> None:
    _seed(sessions)
    counters = _Counters(ServiceContext(sessions), [ConcurrentEditError()])
    with pytest.raises(ConcurrentEditError):
        counters.bump()
    assert counters.calls == 1 and _counts(sessions) == (0, 0)


def test_a_unit_that_already_committed_a_part_is_not_run_again(
    sessions: sessionmaker[Session],
) -> None:
    _seed(sessions)
    counters = _Counters(ServiceContext(sessions), [])
    with pytest.raises(WriteConflictError) as refused:
        counters.bump_in_two_parts()
    assert refused.value.text == PARTLY_TEXT and counters.calls == 1
    assert _counts(sessions) == (1, 0)


class _Crossing(Service):
    """Locks one series, then the other; the first attempts meet at a barrier in between."""

    def __init__(self, context: ServiceContext, meet: threading.Barrier) -> None:
        super().__init__(context)
        self.meet, self.calls = meet, 0

    def move(self, first: str, second: str) -> None:
        self.calls += 1
        with self._session() as s:
            s.execute(_add_one(first))
            if self.calls == 1:
                s.connection().exec_driver_sql("SET LOCAL deadlock_timeout = '50ms'")
                self.meet.wait(timeout=30)
            s.execute(_add_one(second))


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_real_deadlock_between_two_units_ends_with_both_committed_once(
    sessions: sessionmaker[Session],
) -> None:
    _seed(sessions)
    meet = threading.Barrier(2)
    units = [_Crossing(ServiceContext(sessions), meet) for _ in range(2)]
    failures: list[BaseException] = []

    def run(unit: _Crossing, first: str, second: str) -> None:
        try:
            unit.move(first, second)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [
        threading.Thread(target=run, args=(units[0], "A", "B")),
        threading.Thread(target=run, args=(units[1], "B", "A")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failures == []
    assert sorted(u.calls for u in units) == [1, 2]  # the deadlock victim ran once more, whole
    assert _counts(sessions) == (2, 2)  # each unit committed exactly once
