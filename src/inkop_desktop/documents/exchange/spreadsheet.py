"""Spreadsheets in and out: tables of plain values to .xlsx/.csv bytes, and bytes back to rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Literal

from inkop_desktop.documents.exchange.safety import (
    HostileSpreadsheetError,
    Limits,
    SpreadsheetError,
)
from inkop_desktop.domain.money import Money

__all__ = [
    "CellProblem",
    "CellValue",
    "Format",
    "HostileSpreadsheetError",
    "Limits",
    "RawValue",
    "ReadTable",
    "SheetRow",
    "SpreadsheetError",
    "Table",
    "format_for",
    "neutralise",
    "read",
    "tab_separated",
    "write",
]

Format = Literal["xlsx", "csv"]

CellValue = str | int | Decimal | bool | date | Money | None
"""What an exported cell may hold: dates become real dates, Money a number in kronor."""

RawValue = str | int | float | Decimal | bool | datetime | date | time | timedelta | None
"""What a read cell may hold (CSV cells are always text or None)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet program treat text as a formula."""


@dataclass(frozen=True)
class Table:
    """A sheet to write: a title, the header row and the data rows."""

    title: str
    headers: tuple[str, ...]
    rows: Sequence[Sequence[CellValue]]


@dataclass(frozen=True)
class SheetRow:
    """One data row as read, with its row number as the spreadsheet shows it."""

    number: int
    values: tuple[RawValue, ...]


@dataclass(frozen=True)
class CellProblem:
    """A cell that was refused while reading (a formula, a value without a column)."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ReadTable:
    """The header row, the non-empty data rows and the cells refused while reading."""

    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    problems: tuple[CellProblem, ...] = field(default=())


def format_for(filename: str) -> Format:
    """The format of *filename* from its suffix, or a Swedish SpreadsheetError."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise SpreadsheetError(
        f"Filtypen ”{suffix or filename}” stöds inte; använd en Excel-fil (.xlsx) eller .csv."
    )


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet program would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write(table: Table, fmt: Format) -> bytes:
    """Write *table* as .xlsx or as .csv (UTF-8 with BOM, semicolons)."""
    if fmt == "xlsx":
        from inkop_desktop.documents.exchange.xlsx import write_xlsx

        return write_xlsx(table)
    from inkop_desktop.documents.exchange.csv_format import write_csv

    return write_csv(table)


def tab_separated(headers: Sequence[str] | None, rows: Sequence[Sequence[CellValue]]) -> str:
    """Rows as tab-separated text for the clipboard (pastes into Excel as cells)."""
    from inkop_desktop.documents.exchange.csv_format import write_tsv

    return write_tsv(headers, rows)


def read(data: bytes, fmt: Format, limits: Limits | None = None) -> ReadTable:
    """Read the first sheet of an .xlsx file or a .csv file, refusing hostile content."""
    if fmt == "xlsx":
        from inkop_desktop.documents.exchange.xlsx import read_xlsx

        return read_xlsx(data, limits or Limits())
    from inkop_desktop.documents.exchange.csv_format import read_csv

    return read_csv(data, limits or Limits())


def header_text(value: RawValue) -> str:
    """A header cell as whitespace-collapsed text."""
    return " ".join(str(value).split()) if value is not None else ""


def split_header(
    cells: Sequence[RawValue], limits: Limits
) -> tuple[tuple[str, ...], list[CellProblem]]:
    """The header names (trailing empty cells dropped) and problems with the header row."""
    names = [header_text(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise SpreadsheetError("Filen är tom: första raden ska innehålla kolumnrubriker.")
    if len(names) > limits.max_columns:
        raise HostileSpreadsheetError(too_many_columns(limits))
    problems = [
        CellProblem(1, f"kolumn {i}", "Rubriken saknas.") for i, n in enumerate(names, 1) if not n
    ]
    return tuple(names), problems


def too_many_columns(limits: Limits) -> str:
    """The message for a sheet wider than allowed."""
    return f"Filen har fler än {limits.max_columns} kolumner och läses inte in."


def too_many_rows(limits: Limits) -> str:
    """The message for a sheet longer than allowed."""
    count = f"{limits.max_rows:,}".replace(",", " ")
    return f"Filen har fler än {count} rader och läses inte in."


def is_blank(value: RawValue) -> bool:
    """True for an empty cell (None or whitespace only)."""
    return value is None or (isinstance(value, str) and not value.strip())
