"""Engines: SQLite pragmas, foreign keys and optimistic locking on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from inkop_desktop.db.engine import describe, is_sqlite, make_engine
from inkop_desktop.db.tables import Supplier, SupplierContact


def _supplier(**overrides: str) -> Supplier:
    values = {
        "name": "Testbolaget AB",
        "name_key": "testbolaget",
        "orgnr": "556016-0680",
        "vat_number": "SE556016068001",
    }
    values.update(overrides)
    return Supplier(**values)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "pragma.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA recursive_triggers").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert path.exists()  # the parent folders were created
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        s.add(SupplierContact(supplier_id=uuid.uuid4(), name="Ingen"))
        with pytest.raises(IntegrityError):
            s.commit()


def test_optimistic_locking(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        supplier = _supplier()
        s.add(supplier)
        s.commit()
        supplier_id = supplier.id
        assert supplier.version == 1

    first, second = sessions(), sessions()
    try:
        mine = first.get(Supplier, supplier_id)
        theirs = second.get(Supplier, supplier_id)
        assert mine is not None and theirs is not None
        assert mine.version == theirs.version == 1

        mine.name = "Testbolaget Sverige AB"
        first.commit()
        assert mine.version == 2

        theirs.city = "Västerås"
        with pytest.raises(StaleDataError):
            second.commit()
        second.rollback()
    finally:
        first.close()
        second.close()

    with sessions() as s:
        row = s.execute(select(Supplier).where(Supplier.id == supplier_id)).scalar_one()
        assert (row.name, row.city, row.version) == ("Testbolaget Sverige AB", "", 2)


def test_orgnr_is_unique(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        s.add(_supplier())
        s.commit()
        s.add(_supplier(name="Dubbletten AB", name_key="dubbletten"))
        with pytest.raises(IntegrityError):
            s.commit()


def test_engine_fixture_is_migrated(engine: Engine, db_url: str) -> None:
    assert is_sqlite(db_url) == (engine.dialect.name == "sqlite")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM supplier")).scalar() == 0


def test_describe_never_shows_the_password() -> None:
    url = "postgresql+psycopg://inkop:hemligt@db.regionen.se:5433/inkop"
    assert describe(url) == "Gemensam databas: db.regionen.se:5433/inkop"
    assert describe("sqlite:////home/karin/data/inkop.sqlite") == "Lokal databas (inkop.sqlite)"
    engine = make_engine("postgresql://inkop@db.regionen.se/inkop", password="hemligt")
    try:
        assert engine.url.password == "hemligt"
        assert engine.url.drivername == "postgresql+psycopg"
        assert "hemligt" not in repr(engine)
    finally:
        engine.dispose()
