"""Databases filled with the demo data of an earlier revision, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
from tests.db.migration_data import copy_rows, counts, unpack

Filled = Callable[[str], Engine]


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> Filled:
    """``filled(revision)``: the test database at *revision* holding that revision's demo rows."""
    engines: list[Engine] = []

    def make(revision: str) -> Engine:
        if db_url.startswith("sqlite"):
            unpack(revision, Path(db_url.removeprefix("sqlite:///")))
            engine = make_engine(db_url)
        else:
            engine = make_engine(db_url)
            migrate.upgrade(engine, revision=revision)
            source = make_engine(f"sqlite:///{unpack(revision, tmp_path / 'source.sqlite')}")
            try:
                assert copy_rows(source, engine) == counts(source)  # every row of every table
            finally:
                source.dispose()
        engines.append(engine)
        assert migrate.current_revision(engine) == revision
        return engine

    yield make  # type: ignore[misc]
    for engine in engines:
        engine.dispose()
