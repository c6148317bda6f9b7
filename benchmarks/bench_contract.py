"""Open one contract and save one contract through ContractService, without and with two indexes.

Both runs use a fresh copy of the generated database; the anchor's copy has indexes on
``contract_option.contract_id`` and ``contract.framework_id`` (what the queries need), so the
ratio is what the missing indexes cost. Target: ≤ 1.5× of the indexed database.
Run: ``python -m benchmarks.bench_contract [--quick]``.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.data import contracts_for, ensure_database, open_services, scratch_copy
from benchmarks.measures import Measure, ms, slower, standalone, timings

INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_contract_option_contract ON contract_option (contract_id)",
    "CREATE INDEX IF NOT EXISTS bench_contract_framework ON contract (framework_id)",
)


def sample(db: Path, count: int) -> list[uuid.UUID]:
    """Every n-th contract id that has an avtalsägare, the same in both copies."""
    from inkop_desktop.db.tables import Contract

    connection = open_services(f"sqlite:///{db}")
    try:
        with connection.services.context.sessions() as s:
            ids = list(
                s.execute(
                    select(Contract.id)
                    .where(Contract.owner_id.is_not(None))  # the 1 % legacy rows cannot be saved
                    .order_by(Contract.contract_number)
                ).scalars()
            )
    finally:
        connection.close()
    step = max(1, len(ids) // count)
    return ids[::step][:count]


def _open(contracts: Any, contract_id: uuid.UUID) -> float:
    """Seconds to open one contract."""
    return timings(lambda: contracts.get(contract_id), 1)[0]


def _save(contracts: Any, contract_id: uuid.UUID, n: int) -> float:
    """Seconds to save one contract with a changed title (the opening not counted)."""
    detail = contracts.get(contract_id)
    data = {**detail.data.model_dump(), "title": f"{detail.data.title[:250]} ({n})"}
    return timings(lambda: contracts.update(contract_id, detail.version, data), 1)[0]


def open_and_save(dbs: list[Path], ids: list[uuid.UUID]) -> list[tuple[float, float]]:
    """Median (open, save) seconds per database, the databases taking turns per contract."""
    connections = [open_services(f"sqlite:///{db}") for db in dbs]
    try:
        services = [c.services.contracts for c in connections]
        for contracts in services:
            contracts.get(ids[0])  # warm-up
        opened: list[list[float]] = [[] for _ in dbs]
        saved: list[list[float]] = [[] for _ in dbs]
        for n, contract_id in enumerate(ids):
            for k, contracts in enumerate(services):
                opened[k].append(_open(contracts, contract_id))
                saved[k].append(_save(contracts, contract_id, n))
    finally:
        for c in connections:
            c.close()
    return [
        (statistics.median(o), statistics.median(s)) for o, s in zip(opened, saved, strict=True)
    ]


def measure(contracts: int, count: int) -> list[tuple[float, float]]:
    """(open, save) medians on a plain copy and on an indexed copy."""
    db = ensure_database(contracts)
    ids = sample(db, count)
    with tempfile.TemporaryDirectory() as tmp:
        plain = scratch_copy(db, Path(tmp) / "plain")
        indexed = scratch_copy(db, Path(tmp) / "indexed")
        with sqlite3.connect(indexed) as conn:
            for ddl in INDEXES:
                conn.execute(ddl)
        return open_and_save([plain, indexed], ids)


def run(quick: bool) -> list[Measure]:
    """Open and save against the same on the indexed copy."""
    plain, indexed = measure(contracts_for(quick), 6 if quick else 20)
    (open_plain, save_plain), (open_idx, save_idx) = plain, indexed
    return [
        slower("öppna ett avtal (mot med index)", ms(open_plain), ms(open_idx), 1.5),
        slower("spara ett avtal (mot med index)", ms(save_plain), ms(save_idx), 1.5),
    ]


def main() -> None:
    """Print the measures as a table."""
    standalone(run)


if __name__ == "__main__":
    main()
