"""CSV the way Swedish Excel expects it (UTF-8 with BOM, semicolons), and tab-separated text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from inkop_desktop.documents.exchange.safety import (
    HostileSpreadsheetError,
    Limits,
    SpreadsheetError,
    check_size,
)
from inkop_desktop.documents.exchange.spreadsheet import (
    FORMULA_STARTS,
    CellProblem,
    CellValue,
    RawValue,
    ReadTable,
    SheetRow,
    Table,
    is_blank,
    neutralise,
    split_header,
    too_many_columns,
    too_many_rows,
)
from inkop_desktop.domain.money import Money

BOM = "\ufeff"


def cell_text(value: CellValue) -> str:
    """A cell as CSV text: ISO dates, kronor with a decimal comma, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Money):
        kronor, ore = divmod(value.ore, 100)
        return f"{kronor},{ore:02d}" if ore else str(kronor)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def write_csv(table: Table) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, so Excel opens åäö correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    writer.writerows([cell_text(v) for v in row] for row in table.rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def write_tsv(headers: Sequence[str] | None, rows: Iterable[Sequence[CellValue]]) -> str:
    """Tab-separated text for the clipboard (pastes into Excel as cells)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel-tab", lineterminator="\r\n")
    if headers is not None:
        writer.writerow([neutralise(h) for h in headers])
    writer.writerows([cell_text(v) for v in row] for row in rows)
    return buffer.getvalue()


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM); Windows-1252 as Excel's "CSV (semikolonavgränsad)" saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """Semicolon, comma or tab: whichever occurs most in the first line."""
    first = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=first.count)


def read_csv(data: bytes, limits: Limits) -> ReadTable:
    """Rows of a CSV file; an apostrophe before = + - @ (our export's guard) is removed."""
    check_size(data, limits)
    text = _decode(data)
    if "\x00" in text:
        raise SpreadsheetError("Filen är inte en textfil (CSV) och kan inte läsas in.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _collect(reader, limits)
    except csv.Error as exc:
        raise SpreadsheetError(f"CSV-filen kunde inte läsas: {exc}.") from exc


def _collect(reader: Iterable[list[str]], limits: Limits) -> ReadTable:
    """Header, non-empty rows numbered from 2, and refused cells."""
    records = iter(reader)
    first = next(records, None)
    if first is None:
        raise SpreadsheetError("Filen är tom: första raden ska innehålla kolumnrubriker.")
    headers, problems = split_header(first, limits)
    rows: list[SheetRow] = []
    for number, record in enumerate(records, start=2):
        if number > limits.max_rows + 1:
            raise HostileSpreadsheetError(too_many_rows(limits))
        if len(record) > limits.max_columns and any(
            c.strip() for c in record[limits.max_columns :]
        ):
            raise HostileSpreadsheetError(too_many_columns(limits))
        values = _row(record, number, headers, problems)
        if any(not is_blank(v) for v in values):
            rows.append(SheetRow(number, values))
    return ReadTable(headers, tuple(rows), tuple(problems))


def _row(
    record: list[str], number: int, headers: tuple[str, ...], problems: list[CellProblem]
) -> tuple[RawValue, ...]:
    """One record under *headers*; formulas and values without a column become problems."""
    values: list[RawValue] = [None] * len(headers)
    for index, raw in enumerate(record):
        if not raw.strip():
            continue
        label = headers[index] if index < len(headers) and headers[index] else None
        if raw.startswith("'") and raw[1:].startswith(FORMULA_STARTS):
            raw = raw[1:]
        elif raw.startswith("="):
            problems.append(
                CellProblem(
                    number,
                    label or f"kolumn {index + 1}",
                    "Cellen innehåller en formel. Formler läses inte in; skriv in själva värdet.",
                )
            )
            continue
        if label is None:
            problems.append(
                CellProblem(
                    number,
                    f"kolumn {index + 1}",
                    "Cellen har ett värde men kolumnen saknar rubrik.",
                )
            )
            continue
        values[index] = raw
    return tuple(values)
