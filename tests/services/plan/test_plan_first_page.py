"""The plan's opening page read without SQLAlchemy equals the plan service's list."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url

from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.plan.first_page import first_page, is_opening, opening_query
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb
from tests.services.conftest import TEST_ACTOR, BaseRows
from tests.services.list_kinds import plan_data

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
TODAY = date.today()


def _same(services: Services, db_url: str, query: ListQuery) -> None:
    """The quick page and the service's page: the same rows in the same order, same total."""
    quick = first_page(db_url, TEST_ACTOR, query, TODAY)
    assert quick is not None
    service = services.plan.list(query)
    assert quick.rows == service.rows
    assert (quick.total, quick.offset, quick.estimated) == (service.total, 0, service.estimated)


def test_the_demo_plan_reads_the_same_as_through_the_service(
    services: Services, demo_db: DemoDb, db_url: str
) -> None:
    demo_db(TODAY, services=True)
    for limit in (1, 9, 200, 5000):
        _same(services, db_url, opening_query(limit))
    assert services.plan.list(opening_query(5000)).total > 9


def test_closed_and_merged_items_and_missing_names_read_the_same(
    services: Services, base_rows: BaseRows, db_url: str
) -> None:
    made = [services.plan.create(plan_data(base_rows, title=f"Post {n}")) for n in range(5)]
    services.plan.create(plan_data(base_rows, title="Avbruten"), status=PlanStatus.AVBRUTEN)
    services.plan.merge([made[0].id, made[1].id])  # two items become one joint item
    with sqlite3.connect(Path(str(make_url(db_url).database))) as conn:
        conn.execute("UPDATE plan_item SET responsible_id = NULL WHERE title = 'Post 4'")
        conn.execute("DELETE FROM plan_item_cpv WHERE plan_item_id = ?", (made[3].id.hex,))
    quick = first_page(db_url, TEST_ACTOR, opening_query(200), TODAY)
    assert quick is not None
    titles = {r.title for r in quick.rows}
    assert "Avbruten" not in titles and not {"Post 0", "Post 1"} & titles
    assert {r.cpv for r in quick.rows if r.title == "Post 3"} == {None}
    _same(services, db_url, opening_query(200))
    _same(services, db_url, opening_query(2))


def test_only_the_opening_query_is_read(base_rows: BaseRows, db_url: str) -> None:
    opening = opening_query(200)
    assert first_page(db_url, TEST_ACTOR, opening, TODAY) is not None
    for other in (
        opening.model_copy(update={"text": "städ"}),
        opening.model_copy(update={"sort": "title"}),
        opening.model_copy(update={"descending": True}),
        opening.model_copy(update={"offset": 200}),
        opening.model_copy(update={"filters": {"open": "1", "year": "2026"}}),
    ):
        assert not is_opening(other)
        assert first_page(db_url, TEST_ACTOR, other, TODAY) is None


def test_reading_it_imports_neither_sqlalchemy_nor_the_plan_service(
    engine: Engine, db_url: str
) -> None:
    child = (
        "import json, sys, datetime\n"
        "from inkop_desktop.services.plan.first_page import first_page, opening_query\n"
        "page = first_page(sys.argv[1], 'x', opening_query(200), datetime.date.today())\n"
        "print(json.dumps([page is not None, sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child, db_url], capture_output=True, text=True, check=True,
        env={**os.environ}, timeout=60,
    )  # fmt: skip
    read, modules = json.loads(done.stdout)
    assert read
    heavy = ("sqlalchemy", "inkop_desktop.db.tables", "inkop_desktop.services.plan.service")
    assert not [m for m in modules if m.startswith(heavy)]
