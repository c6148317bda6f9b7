"""The catalogue's trigram index (SQLite FTS5, PostgreSQL pg_trgm) finds exactly what LIKE finds."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import search_index, search_words
from inkop_desktop.db.offline import pull
from inkop_desktop.db.tables import Contract
from inkop_desktop.demo.seed import seed_demo
from inkop_desktop.services.contracts import catalogue, catalogue_sql
from inkop_desktop.services.contracts.catalogue import (
    CatalogueQuery,
    count_statement,
    search_statement,
)
from inkop_desktop.services.contracts.catalogue_short import is_short
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows

TODAY = date(2026, 11, 24)
TYPED = ["städtjänster", "handskar", "nordic", "33140000", "tolk", "läkemedel", "qwxyz"]
ODD = ["100%", "2026-0", 'a"b', "o_o", "ab", "e", "städ tjänst", "AVTAL", "ÄÖÅ"]


def _prefixes() -> list[str]:
    """Every prefix of every typed word, and a few odd strings."""
    return [w[:i] for w in TYPED for i in range(1, len(w) + 1)] + ODD


def _like(sessions: sessionmaker[Session], query: CatalogueQuery) -> tuple[list[object], int]:
    """Today's LIKE search: hit ids in order, and the count."""
    with sessions() as s:
        ids = [r.id for r in s.execute(search_statement(query))]
        return ids, s.execute(count_statement(query)).scalar_one()


@pytest.fixture
def demo(services: Services, sessions: sessionmaker[Session]) -> Services:
    seed_demo(sessions, today=TODAY)
    return services


def test_every_prefix_of_three_or_more_gives_the_like_search_hits_in_the_same_order(
    demo: Services, sessions: sessionmaker[Session]
) -> None:
    nonempty = 0
    for text_ in (p for p in _prefixes() if not is_short(p)):
        query = CatalogueQuery(text=text_, on=TODAY, limit=500)
        found = demo.catalogue.find(query)
        ids, total = _like(sessions, query)
        assert ([h.id for h in found.hits], found.total) == (ids, total), text_
        nonempty += bool(ids) and len(text_) >= search_index.MIN_LENGTH
    assert nonempty >= 5  # the index answered searches that do find contracts


def _indexed(s: Session, word: str) -> int:
    """SQLite: how many rows the FTS index itself holds *word* for (stale ones included)."""
    match = text(f"SELECT count(*) FROM {search_index.FTS} WHERE {search_index.FTS} MATCH :q")
    return int(s.execute(match, {"q": search_index.phrase(word)}).scalar_one())


def _starting(s: Session, word: str) -> int:
    """SQLite: how many rows the word index holds a word starting with *word* for."""
    words = search_index.WORDS
    match = text(f"SELECT count(*) FROM {words} WHERE {words} MATCH :q")
    return int(s.execute(match, {"q": search_words.prefix_match([word])}).scalar_one())


def test_the_index_follows_inserts_updates_and_deletes(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], engine: Engine
) -> None:
    from tests.services.suppliers.test_suppliers_contracts import _contract

    created = services.contracts.create(_contract(base_rows, keywords="zqzqfönster"))
    with sessions.begin() as s:
        if engine.dialect.name == "postgresql":
            names = s.execute(text("SELECT indexname FROM pg_indexes WHERE tablename='contract'"))
            assert search_index.TRGM_INDEX in set(names.scalars())
            return
        assert (_indexed(s, "zqzqfönster"), _indexed(s, "qfön")) == (1, 1)
        assert (_starting(s, "zq"), _starting(s, "qf")) == (1, 0)  # word starts only
        s.execute(update(Contract).where(Contract.id == created.id).values(search_text="annat"))
        assert (_indexed(s, "zqzqfönster"), _indexed(s, "annat")) == (0, 1)
        assert (_starting(s, "zq"), _starting(s, "an")) == (0, 1)
        table = Contract.__table__
        row = dict(s.execute(select(table).where(table.c.id == created.id)).mappings().one())
        pull._upsert(s.connection(), table, [{**row, "search_text": "replikans text"}])  # type: ignore[arg-type]
        assert (_indexed(s, "annat"), _indexed(s, "replikans")) == (0, 1)  # as a pull writes
        assert (_starting(s, "an"), _starting(s, "re")) == (0, 1)
        s.execute(update(Contract).where(Contract.id == created.id).values(search_text="annat"))
        s.execute(delete(Contract).where(Contract.id == created.id))
        assert (_indexed(s, "annat"), _starting(s, "an")) == (0, 0)


def test_a_long_count_stops_at_the_cap_and_says_there_are_more(
    demo: Services, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = CatalogueQuery(text="avtal", on=TODAY, limit=2)
    ids, total = _like(sessions, query)
    assert total > 3
    monkeypatch.setattr(catalogue, "CAP", 3)
    found = demo.catalogue.find(query)
    assert ([h.id for h in found.hits], found.total, found.more) == (ids, 3, True)
    monkeypatch.setattr(catalogue, "CAP", total)
    assert (demo.catalogue.find(query).total, demo.catalogue.find(query).more) == (total, False)


def test_a_long_search_narrows_through_an_index_and_never_scans_every_contract(
    demo: Services, sessions: sessionmaker[Session], engine: Engine
) -> None:
    dialect = engine.dialect.name
    query = CatalogueQuery(text="städ avtal", on=TODAY)
    shape = catalogue_sql.shape_of(query, dialect)
    compiled = catalogue_sql.statement(shape).compile(engine)
    named = compiled.construct_params(catalogue_sql.values(query, shape))
    params = tuple(named[k] for k in compiled.positiontup or ()) if compiled.positional else named
    explain = "EXPLAIN QUERY PLAN" if dialect == "sqlite" else "EXPLAIN"
    with sessions() as s:
        catalogue.prepare(s, dialect, shape)
        rows = s.connection().exec_driver_sql(f"{explain} {compiled}", params)
        plan = "\n".join(str(r[-1]) for r in rows)
    if dialect == "sqlite":
        assert f"{search_index.FTS} VIRTUAL TABLE" in plan, plan
    else:  # the trigram index at scale; on a table this small the planner may pick end_date
        assert "Seq Scan on contract" not in plan, plan
