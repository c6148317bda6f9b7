"""The demo's avsteg register is exactly what the rules find (one seeding per engine)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.demo import DEMO_LOGIN
from inkop_desktop.demo.followup import UNPLANNED
from inkop_desktop.services.avsteg import AvstegFilter
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb

TODAY = date(2026, 11, 24)
ALL = AvstegFilter(only_open=False)


@pytest.fixture
def demo(sessions: sessionmaker[Session], demo_db: DemoDb) -> Services:
    """The demo seeded into the test database, with services acting as the demo user."""
    demo_db(TODAY)
    return Services.create(ServiceContext(sessions, actor=DEMO_LOGIN))


def test_the_demo_register_holds_what_the_rules_find_and_nothing_else(demo: Services) -> None:
    assert demo.avsteg.detect(TODAY) == 0
    entries = demo.avsteg.entries(ALL, TODAY)
    assert [e for e in entries if e.resolved] == []
    kinds = Counter(e.rule for e in entries)
    assert {"lagre_forfarande", "annat_beslutsdatum", "avtal_utan_plan", "ovrigt"} <= set(kinds)
    assert kinds["ovrigt"] == 2
    assert 0 < kinds["avtal_utan_plan"] <= UNPLANNED  # most contracts in force are followed up
    assert all(e.source == "Manuellt" for e in entries if e.rule == "ovrigt")
    closed = [e for e in entries if not e.open]
    assert len(closed) == 2 and all(e.comment and e.action for e in closed)
    assert demo.overview.counts(TODAY).avsteg == len(entries) - 2
