"""Avtalskatalogen on 100 000 contracts: time per keystroke, and the ratio to the raw SQL query.

Each word is typed one letter at a time; every prefix is one search as the page does it
(service call: SQLAlchemy statement, session, DTOs). The baseline runs the very same SQL text
with the sqlite3 module and fetches plain tuples.
Run: ``python -m benchmarks.bench_catalogue [--contracts N]``.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from datetime import date

from benchmarks.bench_startup import ensure_database

WORDS = ["städtjänster", "handskar", "nordic", "33140000", "tolk", "läkemedel", "qwxyz"]
TODAY = date(2026, 11, 24)


def _prefixes() -> list[str]:
    """Every prefix of every word, as typed."""
    return [w[:i] for w in WORDS for i in range(1, len(w) + 1)]


def _sql_text(engine: object, text: str) -> str:
    """The SQL the service runs for *text*, with its values inlined."""
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery, search_statement

    stmt = search_statement(CatalogueQuery(text=text, on=TODAY))
    return str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))  # type: ignore[arg-type]


def main() -> None:
    """Print median and 95th percentile per keystroke for both, and their ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=100_000)
    args = parser.parse_args()
    db = ensure_database(args.contracts)
    from inkop_desktop.db.engine import make_engine, make_sessionmaker
    from inkop_desktop.services.base import ServiceContext
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery, CatalogueService

    engine = make_engine(f"sqlite:///{db}")
    service = CatalogueService(ServiceContext(make_sessionmaker(engine)))
    raw = sqlite3.connect(db)
    service.search(CatalogueQuery(text="a", on=TODAY))  # warm-up
    ours, base = [], []
    for prefix in _prefixes():
        sql = _sql_text(engine, prefix)
        started = time.perf_counter()
        service.search(CatalogueQuery(text=prefix, on=TODAY))
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw.execute(sql).fetchall()
        base.append(time.perf_counter() - started)
    _report("Avtalskatalogen (tjänst)", ours)
    _report("Rå SQL (sqlite3, samma fråga)", base)
    print(f"Kvot median tjänst / rå SQL: {statistics.median(ours) / statistics.median(base):.2f}")


def _report(label: str, seconds: list[float]) -> None:
    """Median and p95 in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(
        f"{label}: {len(ms)} tangenttryck, median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
