"""The same-kind check (running totals while the user types) among many earlier direct awards.

``DirectAwardService.running_totals`` for the key with the most awards this fiscal year, as the
editor calls it per keystroke in the value field (a new value each time). Target: p95 ≤ 20 ms
with 200 000 earlier awards (``--quick``: 20 000). The first call, which reads the key's awards
of the year, is timed apart (``benchmarks.scaling`` prints it); each later one reads only the
index-only stamp (services/direct_award/totals_cache.py).
Run: ``python -m benchmarks.bench_same_kind [--quick]``.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy import func, select

from benchmarks.data import ensure_database, open_services
from benchmarks.measures import Measure, absolute, ms, p95, standalone, timings

LIMIT_MS = 20.0


def _busiest_key(connection: object, year: int) -> str:
    """The same-kind key with the most awards in *year* (the worst case)."""
    from inkop_desktop.db.tables import DirectAward

    sessions = connection.services.context.sessions  # type: ignore[attr-defined]
    with sessions() as s:
        return str(
            s.execute(
                select(DirectAward.same_kind_key)
                .where(func.extract("year", DirectAward.award_date) == year)
                .group_by(DirectAward.same_kind_key)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
        )


def keystrokes(awards: int, runs: int) -> tuple[float, list[float]]:
    """Seconds of the first check of the busiest key (reads every award) and of *runs* more.

    Each later call is one keystroke in the value field: the typed value changes every time.
    """
    from inkop_desktop.domain.organisation import Parties

    db = ensure_database(1_000, awards=awards)
    connection = open_services(f"sqlite:///{db}")
    try:
        today = date.today()
        key = _busiest_key(connection, today.year)
        check = partial(connection.services.direct_awards.running_totals, Parties.SORMLAND, key)
        first = timings(lambda: check(today, 5_000_000, None), 1)[0]
        typed = iter(range(5_000_000, 5_000_000 + 100 * runs, 100))
        return first, timings(lambda: check(today, next(typed), None), runs)
    finally:
        connection.close()


def run(quick: bool) -> list[Measure]:
    """p95 of the check against its absolute limit."""
    awards = 20_000 if quick else 200_000
    _first, typed = keystrokes(awards, 20 if quick else 50)
    return [absolute(f"samma slag, p95 ({awards} direktupphandlingar)", ms(p95(typed)), LIMIT_MS)]


def main() -> None:
    """Print the measures as a table."""
    standalone(run)


if __name__ == "__main__":
    main()
