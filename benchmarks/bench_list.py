"""The contract list through ContractService.list: first page and last page (200 rows each).

Target: ≤ 50 ms at any depth; for the gate also last / first page ≤ 2× (our choice).
Run: ``python -m benchmarks.bench_list [--quick]``.
"""

from __future__ import annotations

from benchmarks.data import contracts_for, ensure_database, open_services
from benchmarks.measures import Measure, absolute, median_of, ms, slower, standalone

LIMIT_MS = 50.0
DEPTH = 2.0
"""Ours: the last page at most twice the first (the gate's ratio; the limit is a time)."""
PAGE = 200


def pages(contracts: int, runs: int) -> tuple[float, float]:
    """Median seconds of the first and of the last page in the default order."""
    from inkop_desktop.services.dto import ListQuery

    connection = open_services(f"sqlite:///{ensure_database(contracts)}")
    try:
        service = connection.services.contracts
        total = service.list(ListQuery(limit=PAGE)).total  # also the warm-up
        last = ListQuery(offset=max(0, total - PAGE), limit=PAGE)
        assert service.list(last).rows, "the last page is empty"
        first = median_of(lambda: service.list(ListQuery(limit=PAGE)), runs)
        deepest = median_of(lambda: service.list(last), runs)
    finally:
        connection.close()
    return first, deepest


def run(quick: bool) -> list[Measure]:
    """Both pages against the 50 ms limit."""
    contracts = contracts_for(quick)
    first, last = pages(contracts, 5)
    return [
        absolute(f"avtalslistan, första sidan ({contracts} avtal)", ms(first), LIMIT_MS),
        absolute(f"avtalslistan, sista sidan ({contracts} avtal)", ms(last), LIMIT_MS),
        slower("avtalslistan, sista sidan (mot första)", ms(last), ms(first), DEPTH),
    ]


def main() -> None:
    """Print the measures as a table."""
    standalone(run)


if __name__ == "__main__":
    main()
