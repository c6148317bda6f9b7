"""Seeding a demo template: the same prelude a test ran, then ``seed_demo`` (see ``demo_db``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.engine import make_sessionmaker
from inkop_desktop.db.migration_guard import row_counts
from inkop_desktop.demo.seed import DemoSummary, seed_demo
from tests.services.conftest import make_services


@dataclass(frozen=True)
class DemoTemplate:
    """A seeded template (file or database name), its rows before seeding and the summary."""

    where: str
    before: dict[str, int]
    summary: DemoSummary


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table."""
    with engine.connect() as conn:
        return row_counts(conn)


def seed(engine: Engine, where: str, today: date, *, services: bool) -> DemoTemplate:
    """The prelude (nothing, or the ``services`` fixture's rows and audit hook), then the demo."""
    sessions: sessionmaker[Session] = make_sessionmaker(engine)
    if services:
        make_services(sessions)
    before = counts(engine)
    return DemoTemplate(where, before, seed_demo(sessions, today=today))
