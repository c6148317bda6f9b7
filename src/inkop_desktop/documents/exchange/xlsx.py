"""Excel (.xlsx) with openpyxl: a formatted sheet out, a safely read first sheet in."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from inkop_desktop.documents.exchange.safety import (
    HostileSpreadsheetError,
    Limits,
    SpreadsheetError,
    check_archive,
    check_size,
    require_defused_parser,
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
    split_header,
    too_many_columns,
    too_many_rows,
)
from inkop_desktop.domain.money import Money

DATE_FORMAT = "yyyy-mm-dd"
KRONOR_FORMAT = '#,##0 "kr"'
KRONOR_ORE_FORMAT = '#,##0.00 "kr"'
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_PLAIN_KINDS = frozenset({"n", "d", "b"})
_PLAIN_TYPES = frozenset({int, float, bool, datetime, date, time, timedelta})
"""Value types only typed-in numbers, dates and booleans have (never a formula or an error)."""
_SUSPECT = ("=", "#")
"""How a formula's text ("=…") and an error value ("#N/A", "#REF!", …) begin."""


def write_xlsx(table: Table) -> bytes:
    """A workbook with one sheet: bold frozen header, autofilter, widths, real dates and kr."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_BAD_TITLE.sub(" ", table.title)[:31] or "Blad1")
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.headers), 1))
    size = f"A1:{last}{len(table.rows) + 1}"
    # openpyxl writes <dimension> when the sheet can tell its size; readers then need not scan
    sheet.calculate_dimension = lambda: size
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([_text_cell(sheet, h, font=bold) for h in table.headers])
    for row in table.rows:
        sheet.append([_cell(sheet, v) for v in row])
    sheet.auto_filter.ref = size
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: CellValue) -> Any:
    """One output cell: numbers and dates formatted, risky text kept as text."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if value is None or isinstance(value, int | Decimal):
        return value
    if isinstance(value, Money):
        whole = value.ore % 100 == 0
        number: int | Decimal = value.ore // 100 if whole else value.as_decimal
        cell = WriteOnlyCell(sheet, value=number)
        cell.number_format = KRONOR_FORMAT if whole else KRONOR_ORE_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT if not isinstance(value, datetime) else "yyyy-mm-dd hh:mm"
        return cell
    return _text_cell(sheet, value)


def _text_cell(sheet: Any, text: str, font: Any = None) -> Any:
    """Text that Excel never runs as a formula (quote prefix, like typing an apostrophe)."""
    from openpyxl.cell import WriteOnlyCell

    text = _ILLEGAL.sub("", text)
    if font is None and not text.startswith(FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def _widths(table: Table) -> list[float]:
    """Column widths from the header and the first rows, between 8 and 60 characters."""
    widths = [len(h) + 4 for h in table.headers]
    for row in table.rows[:500]:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _display_length(value))
    return [float(min(max(w, 8), 60)) for w in widths]


def _display_length(value: CellValue) -> int:
    """About how many characters *value* shows as."""
    if value is None:
        return 0
    if isinstance(value, Money):
        return len(value.format()) + 2
    if isinstance(value, date):
        return 12
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0) + 2


def read_xlsx(data: bytes, limits: Limits) -> ReadTable:
    """The first sheet of an .xlsx file; hostile files raise HostileSpreadsheetError."""
    from defusedxml import DefusedXmlException

    check_size(data, limits)
    require_defused_parser()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, limits)
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(
            "Filen är inte en Excel-fil (.xlsx) eller är skadad. Spara den som "
            "Excel-arbetsbok och försök igen."
        ) from exc
    try:
        return _load(data, limits)
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        if _caused_by(exc, DefusedXmlException):
            raise HostileSpreadsheetError(
                "Filen läses inte in: den innehåller XML med entiteter eller en DTD (XML-attack)."
            ) from exc
        raise SpreadsheetError(
            f"Filen kunde inte läsas som en Excel-fil: {type(exc).__name__}."
        ) from exc


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """True if *exc* or an exception it was raised from is a *kind* (openpyxl wraps errors)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _load(data: bytes, limits: Limits) -> ReadTable:
    """Open read-only without evaluating anything and collect the first sheet's rows."""
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(data), read_only=True, data_only=False, keep_links=False, rich_text=False
    )
    try:
        if not book.worksheets:
            raise SpreadsheetError("Filen innehåller inget kalkylblad.")
        sheet: Any = book.worksheets[0]
        if (sheet.max_column or 0) > limits.max_columns:
            raise HostileSpreadsheetError(too_many_columns(limits))
        if (sheet.max_row or 0) > limits.max_rows + 1:
            raise HostileSpreadsheetError(too_many_rows(limits))
        sheet.reset_dimensions()  # never trust the declared size; pad nothing beyond our cap
        width = limits.max_columns + 1
        plain = _collect_plain(sheet.iter_rows(max_col=width, values_only=True), limits)
        if plain is not None:
            return plain
        return _collect(sheet.iter_rows(max_col=width), limits)  # cell types decide
    finally:
        book.close()


def _collect_plain(rows: Iterator[Sequence[Any]], limits: Limits) -> ReadTable | None:
    """The sheet read from values alone, or None when some value needs its cell's type.

    The common sheet holds only typed text and numbers under headers: nothing to refuse, so
    openpyxl need not make a cell object per value. Text beginning with "=" or "#" (what a
    formula or an error value reads as), any other kind of value, or a value outside the
    headed columns sends the whole sheet to ``_collect``, which looks at every cell's type.
    """
    headers, problems = _header(next(rows, None), limits)
    if problems:
        return None
    found: list[SheetRow] = []
    padding: object = None
    for number, values in enumerate(rows, start=2):
        if number > limits.max_rows + 1:
            raise HostileSpreadsheetError(too_many_rows(limits))
        if values is padding:  # openpyxl yields one shared tuple for every missing row
            continue
        row = _plain_row(values, headers)
        if row is None:
            return None
        if row:
            found.append(SheetRow(number, row))
        elif all(v is None for v in values):
            padding = values
    return ReadTable(headers, tuple(found), ())


def _header(
    first: Sequence[RawValue] | None, limits: Limits
) -> tuple[tuple[str, ...], list[CellProblem]]:
    """The header row's names and problems; an empty sheet or a too wide header is refused."""
    if first is None:
        raise SpreadsheetError("Filen är tom: första raden ska innehålla kolumnrubriker.")
    if len(first) > limits.max_columns and not is_blank(first[limits.max_columns]):
        raise HostileSpreadsheetError(too_many_columns(limits))
    return split_header(list(first[: limits.max_columns]), limits)


def _plain_row(values: Sequence[Any], headers: tuple[str, ...]) -> tuple[RawValue, ...] | None:
    """One row's values under *headers* (empty when blank); None when a value needs its type."""
    out: list[RawValue] = [None] * len(headers)
    width, taken = len(headers), False
    for index, value in enumerate(values):
        if value is None:
            continue
        if type(value) is str:
            if not value.strip():
                continue
            if value.startswith(_SUSPECT):
                return None
        elif type(value) not in _PLAIN_TYPES:
            return None
        if index >= width or not headers[index]:
            return None
        out[index], taken = value, True
    return tuple(out) if taken else ()


def _collect(rows: Iterator[Sequence[Any]], limits: Limits) -> ReadTable:
    """Header row, non-empty data rows (numbered as in Excel) and refused cells."""
    from openpyxl.cell.read_only import EMPTY_CELL

    first = next(rows, None)
    headers, problems = _header(None if first is None else [_value(c) for c in first], limits)
    found: list[SheetRow] = []
    padding: object = None
    for number, cells in enumerate(rows, start=2):
        if number > limits.max_rows + 1:
            raise HostileSpreadsheetError(too_many_rows(limits))
        if cells is padding:  # openpyxl yields one shared tuple for every missing row
            continue
        if all(cell is EMPTY_CELL for cell in cells):
            padding = cells
            continue
        values = _row(cells, number, headers, limits, problems)
        if any(not is_blank(v) for v in values):
            found.append(SheetRow(number, values))
    return ReadTable(headers, tuple(found), tuple(problems))


def _row(
    cells: Sequence[Any],
    number: int,
    headers: tuple[str, ...],
    limits: Limits,
    problems: list[CellProblem],
) -> tuple[RawValue, ...]:
    """The values of one row under *headers*; refused cells become None and a problem."""
    from openpyxl.utils import get_column_letter

    values: list[RawValue] = [None] * len(headers)
    width = len(headers)
    for index, cell in enumerate(cells):
        value = getattr(cell, "value", None)
        if value is None or (type(value) is str and not value.strip()):
            continue  # a blank cell (the common case: checked without calls)
        if is_blank(value):
            continue
        if index < width and headers[index] and _plain_cell(cell, value):
            values[index] = value  # typed text or a number/date under a header: taken as it is
            continue
        if index >= limits.max_columns:
            raise HostileSpreadsheetError(too_many_columns(limits))
        column = headers[index] if index < len(headers) and headers[index] else None
        refusal = _refusal(cell, value)
        if refusal is None and column is None:
            refusal = "Cellen har ett värde men kolumnen saknar rubrik."
        if refusal is not None:
            label = column or f"kolumn {get_column_letter(index + 1)}"
            problems.append(CellProblem(number, label, refusal))
        else:
            values[index] = value
    return tuple(values)


def _plain_cell(cell: Any, value: RawValue) -> bool:
    """True for the common cells nothing can refuse: text typed as text that does not start
    with "=", and numbers, dates and booleans typed in (``_refusal`` would return None)."""
    kind = getattr(cell, "data_type", "n")
    if type(value) is str:
        return kind == "s" and not value.startswith("=")
    return kind in _PLAIN_KINDS


def _value(cell: Any) -> RawValue:
    """A cell's value (None for padding)."""
    return getattr(cell, "value", None)


def _refusal(cell: Any, value: RawValue) -> str | None:
    """Why a cell is refused: a formula, text that looks like one, or an error value."""
    kind = getattr(cell, "data_type", "n")
    if kind in _PLAIN_KINDS and type(value) is not str:
        return None  # a number, date or boolean typed in
    if kind == "f":
        return "Cellen innehåller en formel. Formler läses inte in; skriv in själva värdet."
    if kind == "e":
        return f"Cellen innehåller ett felvärde ({value}). Skriv in själva värdet."
    if isinstance(value, str) and value.startswith("=") and not _quote_prefixed(cell):
        return (
            "Texten börjar med ”=” och kan tolkas som en formel. Skriv en apostrof först "
            "(’=…) om det är text."
        )
    return None


def _quote_prefixed(cell: Any) -> bool:
    """True when Excel marks the cell as text typed with a leading apostrophe."""
    try:
        return bool(cell.style_array.quotePrefix)
    except (AttributeError, IndexError):
        return False
