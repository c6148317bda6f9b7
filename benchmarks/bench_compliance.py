"""Avtalstrohet: import a generated 100 000-row leverantörsreskontra and match it to contracts.

A database of generated contracts and suppliers (benchmarks.generate) gets a reskontra whose
rows name its suppliers (70 % with a contract) and its units; the import (read, check, store)
and the report (matching in SQL to contracts in force, shares, warnings) are timed apart.
Run: ``python -m benchmarks.bench_compliance [--rows 100000] [--contracts 5000]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

HEADERS = "Fakturadatum;Ansvar;Orgnr;Leverantör;Belopp;Konto"
LOGIN = "demo.handlaggare"


def _reskontra(url: str, rows: int) -> bytes:
    """A CSV of *rows* invoice lines over the database's suppliers and units (deterministic)."""
    from inkop_desktop.db.engine import make_engine
    from inkop_desktop.db.tables import Organisation, Supplier

    engine = make_engine(url)
    with engine.connect() as conn:
        suppliers = list(conn.execute(select(Supplier.orgnr, Supplier.name)))
        units = [r[0] for r in conn.execute(select(Organisation.short_name)) if r[0]]
    engine.dispose()
    rng = random.Random(16)
    start = date(2026, 1, 1)
    lines = [HEADERS]
    for _ in range(rows):
        orgnr, name = rng.choice(suppliers)
        day = start + timedelta(days=rng.randrange(365))
        kronor = rng.randrange(200, 250_000)
        account = rng.choice(("4560", "6110", "6420", "6550", "5410"))
        lines.append(f"{day};{rng.choice(units)};{orgnr};{name};{kronor},00;{account}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    """Print the import and the match (report) time for the generated reskontra."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--contracts", type=int, default=5_000)
    args = parser.parse_args()
    from benchmarks.generate import generate
    from inkop_desktop.db.engine import make_engine, make_sessionmaker
    from inkop_desktop.services.base import ServiceContext
    from inkop_desktop.services.compliance import ComplianceService

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        generate(url, contracts=args.contracts, plan_items=100, suppliers=3000)
        data = _reskontra(url, args.rows)
        engine = make_engine(url)
        service = ComplianceService(ServiceContext(make_sessionmaker(engine), actor=LOGIN))
        mapping = service.preview(data, "reskontra.csv").mapping
        started, cpu = time.perf_counter(), time.process_time()
        result = service.import_file(data, "reskontra.csv", mapping)
        imported = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        report = service.report(2026)
        matched = time.perf_counter() - started, time.process_time() - cpu
        engine.dispose()
    size = len(data) / 1024 / 1024
    print(f"Import av {result.rows} rader ({size:.1f} MB CSV): {_took(imported)}")
    print(
        f"Matchning mot {args.contracts} avtal och rapport: {_took(matched)} "
        f"(avtalstrohet {report.total.percent}, {len(report.warnings)} varningar)"
    )


def _took(spent: tuple[float, float]) -> str:
    """``12.3 s (CPU 9.8 s)``: the wall time and this process's CPU time (a busy machine)."""
    return f"{spent[0]:.2f} s (CPU {spent[1]:.2f} s)"


if __name__ == "__main__":
    main()
