"""Import of a generated plan spreadsheet (.xlsx) against openpyxl's read-only raw read of it.

The sheet is the plan export of the generated database, repeated to 10 000 rows (``--quick``:
200) with new titles, no reference (each row a new item) and a missing procedure reason filled
in. The import runs through ``ExchangeService.import_file`` (safe read, checks, one
transaction) on a copy of the database;
the anchor reads the same bytes with ``openpyxl.load_workbook(read_only=True)`` cell by cell.
Both are warmed alike first: one raw read, and one import into another scratch copy. Then
they alternate, round after round (five with ``--quick``, three at 10 000 rows), each import into
a fresh copy, and the medians are compared: one sample of each swung the ratio from 1.3 to 3.1
on an idle machine.
Target: ≤ 2×. Run: ``python -m benchmarks.bench_plan_import [--quick]``.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.data import contracts_for, ensure_database, open_services, scratch_copy
from benchmarks.measures import Measure, ms, slower, standalone

REASON = "Marknadsanalysen visar få leverantörer; förfarandet är valt efter samråd med inköpschef."
"""Filled in where the generated item has no reason (a lower procedure needs one to import)."""


def plan_sheet(db: Path, rows: int) -> bytes:
    """The exported plan repeated to *rows* rows, as .xlsx bytes."""
    from inkop_desktop.documents.exchange.spreadsheet import Table, write

    connection = open_services(f"sqlite:///{db}")
    try:
        exported = connection.services.exchange.export_table("plan")
    finally:
        connection.close()
    source = exported.rows
    body = [
        (None, r[1], f"{r[2]} {n}", *r[3:13], r[13] or REASON, *r[14:])
        for n, r in ((n, source[n % len(source)]) for n in range(rows))
    ]
    sheet: bytes = write(Table(exported.title, exported.headers, body), "xlsx")
    return sheet


def raw_read(data: bytes) -> int:
    """Every cell value with openpyxl read-only; the number of rows."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return sum(1 for _row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def imported(db: Path, data: bytes) -> float:
    """Seconds to import *data* into *db*; the import must succeed."""
    connection = open_services(f"sqlite:///{db}")
    try:
        started = time.perf_counter()
        report = connection.services.exchange.import_file("plan", data, "plan.xlsx")
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    if not report.ok:
        raise RuntimeError(f"importen vägrades: {report.errors[:3]}")
    return seconds


def run(quick: bool) -> list[Measure]:
    """Median import time against the median raw read of the same file, rounds alternated."""
    rows = 200 if quick else 10_000
    db = ensure_database(contracts_for(quick))
    data = plan_sheet(db, rows)
    raw_read(data)  # warm-up: openpyxl's imports
    with tempfile.TemporaryDirectory() as tmp:
        imported(scratch_copy(db, Path(tmp)), data)  # warm-up like the anchor's: imports, caches
    raws, ours = [], []
    for _round in range(5 if quick else 3):
        started = time.perf_counter()
        assert raw_read(data) == rows + 1
        raws.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as tmp:
            ours.append(imported(scratch_copy(db, Path(tmp)), data))
    value, anchor = ms(statistics.median(ours)), ms(statistics.median(raws))
    return [slower(f"import av plan, {rows} rader xlsx (mot openpyxl)", value, anchor, 2.0)]


def main() -> None:
    """Print the measures as a table."""
    standalone(run)


if __name__ == "__main__":
    main()
