"""The Avtal page's first page read without SQLAlchemy equals the contract list service's."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.contracts.first_page import first_page, is_opening, opening_query
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb
from tests.services.conftest import TEST_ACTOR, BaseRows, ensure_person
from tests.services.contract_helpers import contract_data

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
TODAY = date.today()


def _file(db_url: str) -> Path:
    """The SQLite file of the test database."""
    return Path(str(make_url(db_url).database))


def _same(services: Services, db_url: str, query: ListQuery) -> None:
    """The quick page and the service's page: the same rows in the same order, same total."""
    quick = first_page(db_url, TEST_ACTOR, query, TODAY)
    assert quick is not None
    service = services.contract_list.list(query)
    assert quick.rows == service.rows
    assert (quick.total, quick.offset, quick.estimated) == (service.total, 0, service.estimated)


def test_the_demo_portfolio_reads_the_same_as_through_the_service(
    services: Services, demo_db: DemoDb, db_url: str
) -> None:
    demo_db(TODAY, services=True)
    for limit in (1, 7, 200, 5000):
        _same(services, db_url, opening_query(limit))
    assert services.contract_list.list(opening_query(5000)).total > 7


def test_ties_ended_contracts_and_missing_names_read_the_same(
    services: Services, base_rows: BaseRows, db_url: str
) -> None:
    end = TODAY + timedelta(days=30)
    for n in (3, 1, 2):  # one end date: ordered by number, whatever the insertion order
        services.contracts.create(contract_data(base_rows, contract_number=f"T-{n}", end_date=end))
    services.contracts.create(contract_data(base_rows, contract_number="T-0", end_date=end))
    with sqlite3.connect(_file(db_url)) as conn:  # no names to show (as an old record may be)
        conn.execute("UPDATE contract SET owner_id = NULL, handlaggare_id = NULL"
                     " WHERE contract_number = 'T-0'")  # fmt: skip
        conn.execute("DELETE FROM contract_supplier WHERE contract_id ="
                     " (SELECT id FROM contract WHERE contract_number = 'T-0')")  # fmt: skip
    services.contracts.create(  # ended yesterday: not on the opening page
        contract_data(
            base_rows, contract_number="T-9", start_date=TODAY - timedelta(days=400),
            end_date=TODAY - timedelta(days=1),
        )
    )  # fmt: skip
    quick = first_page(db_url, TEST_ACTOR, opening_query(200), TODAY)
    assert quick is not None
    assert [r.contract_number for r in quick.rows] == ["T-0", "T-1", "T-2", "T-3"]
    assert quick.rows[0].owner is None and quick.rows[0].supplier is None
    _same(services, db_url, opening_query(200))
    _same(services, db_url, opening_query(2))


def test_only_the_opening_query_of_a_database_at_the_shipped_schema_is_read(
    base_rows: BaseRows, db_url: str, tmp_path: Path
) -> None:
    opening = opening_query(200)
    assert first_page(db_url, TEST_ACTOR, opening, TODAY) is not None
    for other in (
        opening.model_copy(update={"text": "städ"}),
        opening.model_copy(update={"sort": "title"}),
        opening.model_copy(update={"descending": True}),
        opening.model_copy(update={"offset": 200}),
        opening.model_copy(update={"filters": {}}),
        opening.model_copy(update={"filters": {"open": "1", "parties": "SRM"}}),
    ):
        assert not is_opening(other)
        assert first_page(db_url, TEST_ACTOR, other, TODAY) is None
    assert first_page("postgresql+psycopg://x@localhost/db", TEST_ACTOR, opening, TODAY) is None
    assert first_page(f"{db_url}?timeout=5", TEST_ACTOR, opening, TODAY) is None
    missing = f"sqlite:///{tmp_path}/none.sqlite"
    assert first_page(missing, TEST_ACTOR, opening, TODAY) is None
    assert not (tmp_path / "none.sqlite").exists()  # never created by looking
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert first_page(f"sqlite:///{junk}", TEST_ACTOR, opening, TODAY) is None
    with sqlite3.connect(_file(db_url)) as conn:  # an older schema: migrated first
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert first_page(db_url, TEST_ACTOR, opening, TODAY) is None


def test_it_tells_whether_the_person_is_an_inkopschef_today(
    sessions: sessionmaker[Session], db_url: str
) -> None:
    ensure_person(sessions, "chef", "Chef Chefsson", [Role.INKOPSCHEF])
    ensure_person(sessions, "hand", "Hand Läggare", [Role.UPPHANDLARE])
    opening = opening_query(200)
    chef = first_page(db_url, "chef", opening, TODAY)
    hand = first_page(db_url, "hand", opening, TODAY)
    assert chef is not None and chef.inkopschef
    assert hand is not None and not hand.inkopschef
    with sqlite3.connect(_file(db_url)) as conn:  # the role has ended
        conn.execute("UPDATE person_role SET valid_to = ?", ((TODAY - timedelta(1)).isoformat(),))
    ended = first_page(db_url, "chef", opening, TODAY)
    assert ended is not None and not ended.inkopschef


def test_reading_it_imports_neither_sqlalchemy_nor_the_tables(engine: Engine, db_url: str) -> None:
    child = (
        "import json, sys, datetime\n"
        "from inkop_desktop.services.contracts.first_page import first_page, opening_query\n"
        "page = first_page(sys.argv[1], 'x', opening_query(200), datetime.date.today())\n"
        "print(json.dumps([page is not None, sorted(sys.modules)]))\n"
    )
    migrated = subprocess.run(
        [sys.executable, "-c", child, db_url], capture_output=True, text=True, check=True,
        env={**os.environ}, timeout=60,
    )  # fmt: skip
    read, modules = json.loads(migrated.stdout)
    assert read
    assert not [m for m in modules if m.startswith(("sqlalchemy", "inkop_desktop.db.tables"))]
