"""Which views a change affects (one table), and the feed that tells the subscribers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from inkop_desktop.app import VIEWS as START_VIEWS
from inkop_desktop.db.base import Base
from inkop_desktop.db.changes import EVERYTHING
from inkop_desktop.services.changes import (
    ALL_VIEWS,
    VIEWS,
    VIEWS_BY_TABLE,
    ChangeFeed,
    Changes,
    views_for,
)
from inkop_desktop.services.registry import Services
from inkop_desktop.startup import DIALOG_VIEWS


def test_every_table_is_mapped_to_views_that_exist() -> None:
    pages = set(START_VIEWS) - set(DIALOG_VIEWS)  # a dialog view opens over a page
    assert set(VIEWS) == pages  # the views one can start the program on
    assert set(VIEWS_BY_TABLE) >= set(Base.metadata.tables)  # a new table needs a decision
    for table, views in VIEWS_BY_TABLE.items():
        assert views <= ALL_VIEWS, table


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (
            {"contract"},
            {
                "avtal",
                "avtalskatalog",
                "uppfoljning",
                "uppfoljning-rapport",
                "leverantorer",
                "avtalstrohet",
                "oversikt",
            },
        ),
        ({"plan_item"}, {"plan", "tidslinje", "jav", "oversikt"}),
        ({"quote", "jav_declaration"}, {"direktupphandling", "jav", "oversikt"}),
        ({"quote"}, {"direktupphandling"}),
        ({"delegation_rule"}, {"administration", "direktupphandling"}),
        ({"person"}, set(ALL_VIEWS)),  # names are shown everywhere
        (EVERYTHING, set(ALL_VIEWS)),  # SQLite, or after a lost connection
        ({"a_table_of_a_newer_version"}, set(ALL_VIEWS)),
        ({"audit_entry", "number_series"}, set()),
    ],
)
def test_views_for_tables(tables: set[str], expected: set[str]) -> None:
    assert views_for(tables) == expected


class FakeListener:
    """Stands in for the database listener: the test hands batches to its callback."""

    def __init__(self, engine: Engine, callback: Callable[[frozenset[str]], None]) -> None:
        self.engine, self.callback = engine, callback
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True


def test_feed_maps_batches_to_views_and_tells_every_subscriber(services: Services) -> None:
    made: list[FakeListener] = []

    def make(engine: Engine, callback: Callable[[frozenset[str]], None]) -> FakeListener:
        made.append(FakeListener(engine, callback))
        return made[-1]

    feed = ChangeFeed(services.context, make)
    first: list[Changes] = []
    second: list[Changes] = []
    feed.subscribe(first.append)
    feed.subscribe(second.append)
    feed.start()
    feed.start()  # once only
    assert len(made) == 1 and made[0].started
    assert made[0].engine is services.context.sessions.kw["bind"]
    made[0].callback(frozenset({"supplier"}))
    made[0].callback(frozenset({"audit_entry"}))  # affects no view: nobody is bothered
    expected = Changes(
        frozenset({"supplier"}),
        frozenset({"leverantorer", "avtal", "avtalskatalog", "direktupphandling"}),
    )
    assert first == second == [expected]
    assert not expected.everything and Changes.of(EVERYTHING).everything
    feed.stop()
    assert made[0].stopped and feed.listener is None
