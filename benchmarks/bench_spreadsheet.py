"""How fast hostile spreadsheets are refused, and how fast large sheets are written and read.

Run: ``python -m benchmarks.bench_spreadsheet [--rows N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from inkop_desktop.documents.exchange.spreadsheet import (
    Format,
    HostileSpreadsheetError,
    Limits,
    Table,
    read,
    write,
)
from inkop_desktop.domain.money import Money

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData>'
    b"</worksheet>"
)
SHEET = "xl/worksheets/sheet1.xml"


def _plain(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> bytes:
    """A workbook written by plain openpyxl, as another program would."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (headers, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The zip with every member passed through *change*."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def hostile_files() -> dict[str, tuple[bytes, Limits]]:
    """Each kind of hostile file the reader must refuse."""
    small = _plain(("Namn",), [("A",)])
    wide = _plain(tuple(f"K{i}" for i in range(10_000)), [("x",)])
    hidden = _rewrite(
        _plain(("Namn",), [tuple(range(10_000))]),
        lambda n, b: re.sub(rb"<dimension[^>]*/>", b"", b) if n == SHEET else b,
    )
    far = _rewrite(
        small,
        lambda n, b: b.replace(b"</sheetData>", b'<row r="1000000"><c r="A1000000"><v>1</v></c>'
                               b"</row></sheetData>") if n == SHEET else b,
    )  # fmt: skip
    return {
        "zip-bomb (1 GB packat till ~1 MB)": (
            _rewrite(small, lambda n, b: b + b" " * 1_000_000_000 if n == SHEET else b),
            Limits(),
        ),
        "billion laughs": (_rewrite(small, lambda n, b: LAUGHS if n == SHEET else b), Limits()),
        "10 000 kolumner": (wide, Limits()),
        "10 000 kolumner, dold storlek": (hidden, Limits()),
        "cell på rad 1 000 000": (far, Limits()),
    }


def _median(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of *fn* over *runs*."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _refuse(data: bytes, limits: Limits) -> None:
    """Read and expect a refusal."""
    try:
        read(data, "xlsx", limits)
    except HostileSpreadsheetError:
        return
    raise AssertionError("not refused")


def _table(rows: int) -> Table:
    """A contract-like table with text, dates and amounts."""
    headers = tuple(f"Kolumn {i}" for i in range(20))
    start = date(2026, 1, 1)
    body = [
        (f"SRM-2026-{i:05d}", f"Avtal nummer {i}", start + timedelta(days=i % 365), Money(i * 100),
         *(f"text {i} {j}" for j in range(16)))
        for i in range(rows)
    ]  # fmt: skip
    return Table("Avtal", headers, body)


def main() -> None:
    """Print refusal times and write/read throughput."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("Fientliga filer (median, sekunder till vägran):")
    for name, (data, limits) in hostile_files().items():
        seconds = _median(partial(_refuse, data, limits), args.runs)
        print(f"  {name:<34} {len(data) / 1024:9.0f} kB  {seconds:6.3f} s")
    table = _table(args.rows)
    formats: tuple[Format, ...] = ("xlsx", "csv")
    for fmt in formats:
        data = write(table, fmt)
        wrote = _median(partial(write, table, fmt), args.runs)
        took = _median(partial(read, data, fmt), args.runs)
        print(f"{fmt}: {args.rows} rader × 20 kolumner, {len(data) / 1e6:.1f} MB: "
              f"skriva {wrote:.2f} s, läsa {took:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
