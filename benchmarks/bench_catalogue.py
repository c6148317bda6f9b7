"""Avtalskatalogen: time per keystroke on SQLite and PostgreSQL, and the raw SQL for reference.

Each word is typed one letter at a time; every prefix is one search as the page does it
(service call: SQLAlchemy statement, session, DTOs). The reference runs the very same SQL text
with the plain driver (sqlite3, psycopg) and fetches tuples (``main`` only). Target: p95 ≤ 50 ms
on both; ``--quick`` types four of the seven words.
Run: ``python -m benchmarks.bench_catalogue [--quick]``.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from benchmarks.data import contracts_for, ensure_database, open_services
from benchmarks.measures import Measure, absolute, ms, p95

WORDS = ["städtjänster", "handskar", "nordic", "33140000", "tolk", "läkemedel", "qwxyz"]
QUICK_WORDS = ["städtjänster", "handskar", "33140000", "qwxyz"]
TODAY = date(2026, 11, 24)
LIMIT_MS = 50.0


def _prefixes(words: list[str]) -> list[str]:
    """Every prefix of every word, as typed."""
    return [w[:i] for w in words for i in range(1, len(w) + 1)]


def _sql_text(engine: Any, text: str) -> str:
    """The SQL the service runs for *text*, with its values inlined."""
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery, search_statement
    from inkop_desktop.services.contracts.catalogue_short import is_short, short_statement

    query = CatalogueQuery(text=text, on=TODAY)
    if is_short(text):  # one or two characters: the first page in end-date order
        stmt = short_statement(query)
    else:
        stmt = search_statement(query, engine.dialect.name)
    return str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))


def keystrokes(
    url: str, words: list[str], raw: Callable[[str], object] | None
) -> tuple[list[float], list[float]]:
    """Seconds per prefix through the service and through *raw* (the same SQL text), if given."""
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery

    connection = open_services(url)
    try:
        service = connection.services.catalogue
        engine = connection.services.context.sessions.kw["bind"]
        service.search(CatalogueQuery(text="a", on=TODAY))  # warm-up
        ours, base = [], []
        for prefix in _prefixes(words):
            started = time.perf_counter()
            service.search(CatalogueQuery(text=prefix, on=TODAY))
            ours.append(time.perf_counter() - started)
            if raw is None:
                continue
            sql = _sql_text(engine, prefix)
            started = time.perf_counter()
            raw(sql)
            base.append(time.perf_counter() - started)
    finally:
        connection.close()
    return ours, base


def sqlite_keystrokes(
    contracts: int, words: list[str], raw: bool
) -> tuple[list[float], list[float]]:
    """Service (and raw sqlite3) timings on the generated SQLite database."""
    db = ensure_database(contracts)
    plain = sqlite3.connect(db)
    try:
        query = (lambda sql: plain.execute(sql).fetchall()) if raw else None
        return keystrokes(f"sqlite:///{db}", words, query)
    finally:
        plain.close()


def postgres_keystrokes(
    contracts: int, words: list[str], raw: bool
) -> tuple[list[float], list[float]]:
    """Service (and raw psycopg) timings on a kept generated PostgreSQL database."""
    import psycopg

    from benchmarks.pg import generated

    with generated(contracts) as url:
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True) as plain:
            _analysed(plain)
            plain.execute("SET jit = off")  # as the service runs a search
            # bound with no values: psycopg turns the compiled "%%" back into "%", as it does
            # for the service (sent as it stands, '%%nor%%' leads the planner to a full scan)
            query = (lambda sql: plain.execute(sql, ()).fetchall()) if raw else None
            return keystrokes(url, words, query)


def _analysed(plain: Any) -> None:
    """Give the tables what a server's autovacuum does after a bulk load: statistics for the
    planner and the visibility map for index-only scans (a kept cluster that runs for a minute
    per benchmark never gets there: every estimate is a guess, every index read visits the
    heap; after an upgrade rewrote every contract, half the pages read were dead rows)."""
    unknown = "SELECT reltuples < 0 FROM pg_class WHERE relname = 'contract'"
    unvacuumed = (
        "SELECT coalesce(last_vacuum, last_autovacuum) IS NULL FROM pg_stat_user_tables "
        "WHERE relname = 'contract_supplier'"
    )
    dead = (  # autovacuum's default trigger: 50 rows + 20 % (an upgrade that filled a column)
        "SELECT n_dead_tup > 50 + 0.2 * n_live_tup FROM pg_stat_user_tables "
        "WHERE relname = 'contract'"
    )
    checks = (unknown, unvacuumed, dead)
    if any(plain.execute(check).fetchone()[0] for check in checks):
        plain.execute("VACUUM (ANALYZE)")


def run(quick: bool) -> list[Measure]:
    """p95 per keystroke on both engines against the 50 ms limit."""
    contracts = contracts_for(quick)
    out = []
    for engine, measure in (("SQLite", sqlite_keystrokes), ("PostgreSQL", postgres_keystrokes)):
        ours, _base = measure(contracts, QUICK_WORDS if quick else WORDS, False)
        out.append(absolute(f"avtalskatalogen p95/tangent, {engine}", ms(p95(ours)), LIMIT_MS))
    return out


def main() -> None:
    """Print p95 per keystroke for the service and the raw SQL on both engines."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    contracts = contracts_for(parser.parse_args().quick)
    for engine, measure in (("SQLite", sqlite_keystrokes), ("PostgreSQL", postgres_keystrokes)):
        ours, base = measure(contracts, WORDS, True)
        print(f"{engine}, {contracts} avtal, {len(ours)} tangenttryck: tjänsten p95 "
              f"{ms(p95(ours)):.1f} ms, rå SQL p95 {ms(p95(base)):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
