"""One or two typed characters: contracts with a word starting so, valid longest first."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Contract
from inkop_desktop.demo.seed import seed_demo
from inkop_desktop.services.contracts import catalogue_short
from inkop_desktop.services.contracts.catalogue import CatalogueQuery
from inkop_desktop.services.contracts.catalogue_short import (
    short_count_statement,
    short_statement,
    word_start,
)
from inkop_desktop.services.registry import Services

TODAY = date(2026, 11, 24)
SHORT = ["s", "st", "h", "ha", "n", "no", "3", "33", "t", "to", "l", "lä", "q", "qw", "ab", "e",
         "s t", "1%", "ÄÖ"]  # fmt: skip


@pytest.fixture
def demo(services: Services, sessions: sessionmaker[Session]) -> Services:
    seed_demo(sessions, today=TODAY)
    return services


def _expected(sessions: sessionmaker[Session], typed: str) -> list[object]:
    """In force today, every typed word starting a word of the search text; longest valid
    first, then by number (computed in Python from the rows)."""
    words = [w.lower() for w in typed.split()]
    with sessions() as s:
        rows = s.execute(
            select(
                Contract.id, Contract.search_text, Contract.end_date, Contract.contract_number
            ).where(Contract.start_date <= TODAY, Contract.end_date >= TODAY)
        ).all()
    hits = [r for r in rows if all(f" {w}" in f" {r.search_text}" for w in words)]
    hits.sort(key=lambda r: r.contract_number)
    hits.sort(key=lambda r: r.end_date, reverse=True)
    return [r.id for r in hits]


def test_short_input_finds_contracts_with_a_word_starting_so(
    demo: Services, sessions: sessionmaker[Session]
) -> None:
    found_some = 0
    for typed in SHORT:
        found = demo.catalogue.find(CatalogueQuery(text=typed, on=TODAY, limit=500))
        expected = _expected(sessions, typed)
        assert [h.id for h in found.hits] == expected, typed
        assert (found.total, found.more, found.word_start) == (len(expected), False, True)
        found_some += bool(expected)
    assert found_some >= 8
    inside = demo.catalogue.find(CatalogueQuery(text="tjänster", on=TODAY, limit=500)).hits
    starting = {h.id for h in demo.catalogue.find(CatalogueQuery(text="tj", on=TODAY)).hits}
    assert any(h.id not in starting for h in inside)  # "städtjänster" has "tj" inside a word only


def test_both_sqlite_readings_give_the_same_hits_and_the_count_stops_at_the_cap(
    demo: Services, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = CatalogueQuery(text="s", on=TODAY, limit=20)
    results = []
    for narrow in (0, 10_000):  # the end-date order / through the word index (SQLite)
        monkeypatch.setattr(catalogue_short, "NARROW", narrow)
        results.append(demo.catalogue.find(query))
    assert results[0] == results[1]
    expected = _expected(sessions, "s")
    assert [h.id for h in results[0].hits] == expected[:20]
    assert (results[0].total, results[0].more) == (len(expected), False)
    monkeypatch.setattr(catalogue_short, "CAP", 25)
    capped = demo.catalogue.find(query)
    assert (capped.total, capped.more, len(capped.hits)) == (25, True, 20)


def test_matched_fields_name_where_a_word_starts_so(demo: Services) -> None:
    hits = demo.catalogue.find(CatalogueQuery(text="st", on=TODAY, limit=500)).hits
    assert hits
    for hit in hits:
        if "benämning" in hit.matched:
            assert any(w.startswith("st") for w in hit.title.lower().split()), hit.title


def _plan(s: Session, statement: object) -> str:
    """The engine's plan of *statement* (its values inlined)."""
    engine = s.get_bind()
    sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    return "\n".join(str(r[-1]) for r in s.execute(text(prefix + sql)))


def test_plans_read_the_end_date_index_in_order_or_the_word_index(
    demo: Services, sessions: sessionmaker[Session], engine: Engine
) -> None:
    query = CatalogueQuery(text="st", on=TODAY, limit=200)
    with sessions() as s:
        if engine.dialect.name == "postgresql":
            s.execute(text("SET LOCAL enable_seqscan = off"))
            s.execute(text("SET LOCAL enable_indexscan = off"))
            only_words = select(func.count()).where(word_start("st"))
            assert "ix_contract_search_text_trgm" in _plan(s, only_words)
            return
        ordered = _plan(s, short_statement(query))
        assert "INDEX ix_contract_end_date" in ordered, ordered
        assert "TEMP B-TREE FOR ORDER BY" not in ordered  # only the number within one day
        narrowed = _plan(s, short_statement(query, ["st"]))
        assert "contract_words VIRTUAL TABLE" in narrowed, narrowed
        assert "contract_words VIRTUAL TABLE" in _plan(s, short_count_statement(query, ["st"]))
