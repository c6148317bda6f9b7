"""The import report and the generic part of reading rows: headers, cells, model validation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from inkop_desktop.documents.exchange.spreadsheet import RawValue, ReadTable
from inkop_desktop.domain.validation import field_messages
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.exchange.cells import CellError, fold, text

M = TypeVar("M", bound=BaseModel)


class ImportProblem(BaseModel):
    """One refused cell or row: the row number as the sheet shows it, the column, the reason."""

    model_config = FROZEN
    row: int
    column: str
    message: str

    @property
    def text(self) -> str:
        """``Rad 5, Organisationsnummer: Organisationsnumret … har fel kontrollsiffra.``."""
        where = f"Rad {self.row}, {self.column}" if self.column else f"Rad {self.row}"
        message = self.message[:1].upper() + self.message[1:]
        return f"{where}: {message}"


CREATED, UPDATED, UNCHANGED = "skapad", "uppdaterad", "oförändrad"


class RowOutcome(BaseModel):
    """What an import in update mode did with one row, and which columns it changed."""

    model_config = FROZEN
    row: int
    action: str
    changed: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """``Rad 5: uppdaterad (Kortnamn, Överordnad)``."""
        detail = f" ({', '.join(self.changed)})" if self.changed else ""
        return f"Rad {self.row}: {self.action}{detail}"


class ImportReport(BaseModel):
    """What an import did: how many records were stored, or why none were."""

    model_config = FROZEN
    kind: str
    imported: int
    errors: tuple[ImportProblem, ...] = ()
    warnings: tuple[ImportProblem, ...] = ()
    outcomes: tuple[RowOutcome, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every row was valid and stored."""
        return not self.errors

    def count(self, action: str) -> int:
        """Rows that were created, updated or left unchanged (update mode)."""
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def summary(self) -> str:
        """One Swedish sentence for a status bar or the command line."""
        if not self.ok:
            return f"Inget importerades: {len(self.errors)} fel i filen."
        if self.outcomes:
            return (
                f"{self.count(CREATED)} skapade, {self.count(UPDATED)} uppdaterade, "
                f"{self.count(UNCHANGED)} oförändrade."
            )
        return f"{self.imported} poster importerades."


@dataclass(frozen=True)
class Column:
    """A sheet column: its stable Swedish header, the field it fills and how a cell is read."""

    header: str
    field: str | None
    parse: Callable[[RawValue], Any] = text


@dataclass
class ParsedRow:
    """One data row after reading its cells: values per field, fields whose cell failed."""

    number: int
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)


class Problems:
    """Collects problems; ``by_field`` names the column of a model field."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.items: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self.by_field = {c.field: c.header for c in columns if c.field}

    def add(self, row: int, column: str, message: str) -> None:
        """Record one problem."""
        self.items.append(ImportProblem(row=row, column=column, message=message))

    def warn(self, row: ParsedRow, name: str, message: str) -> None:
        """Record something stored as it is but worth fixing (does not stop the import)."""
        column = self.by_field.get(name, "")
        self.warnings.append(ImportProblem(row=row.number, column=column, message=message))

    def field(self, row: ParsedRow, name: str, message: str) -> None:
        """Record a problem with a field's cell and mark the field as failed."""
        row.failed.add(name)
        row.values.pop(name, None)
        self.add(row.number, self.by_field.get(name, ""), message)

    def sorted(self) -> tuple[ImportProblem, ...]:
        """Problems in sheet order."""
        return tuple(sorted(self.items, key=lambda p: p.row))


def map_headers(
    table: ReadTable, columns: Sequence[Column], required: Iterable[str], problems: Problems
) -> dict[int, Column]:
    """Sheet column index → known column; unknown, repeated and missing headers are problems."""
    known = {fold(c.header): c for c in columns}
    found: dict[int, Column] = {}
    seen: set[str] = set()
    for index, header in enumerate(table.headers):
        column = known.get(fold(header))
        if not header:
            continue
        if column is None:
            problems.add(1, header, "Okänd kolumn. Använd rubrikerna från en exporterad fil.")
        elif column.header in seen:
            problems.add(1, header, "Kolumnen finns mer än en gång.")
        else:
            seen.add(column.header)
            found[index] = column
    for name in required:
        header = problems.by_field[name]
        if header not in seen:
            problems.add(1, header, "Kolumnen saknas men måste finnas.")
    return found


def parse_rows(
    table: ReadTable, mapping: Mapping[int, Column], problems: Problems
) -> list[ParsedRow]:
    """Read every cell of every row; blank cells are left out so the model's default applies."""
    refused: dict[int, set[str]] = {}
    fields = {table.headers[i]: c.field for i, c in mapping.items() if c.field}
    for problem in table.problems:
        problems.add(problem.row, problem.column, problem.message)
        if problem.column in fields:
            refused.setdefault(problem.row, set()).add(str(fields[problem.column]))
    read = [(i, c.field, c.parse) for i, c in mapping.items() if c.field is not None]
    rows: list[ParsedRow] = []
    for sheet_row in table.rows:
        row = ParsedRow(sheet_row.number, {}, set(refused.get(sheet_row.number, ())))
        cells, values = sheet_row.values, row.values
        for index, name, parse in read:
            raw = cells[index]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue  # blank (what is_blank says): the model's default applies
            try:
                values[name] = parse(raw)
            except CellError as exc:
                problems.field(row, name, exc.text)
        rows.append(row)
    return rows


def required_fields(model: type[BaseModel], columns: Sequence[Column]) -> list[str]:
    """Model fields without a default that a column fills."""
    return [c.field for c in columns if c.field in model.model_fields and _needed(model, c.field)]


def _needed(model: type[BaseModel], name: str) -> bool:
    """True when *name* has no default in *model*."""
    return model.model_fields[name].is_required()


def validate(model: type[M], row: ParsedRow, data: dict[str, Any], problems: Problems) -> M | None:
    """The validated input, or None with one problem per field (failed cells not repeated)."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        for name, message in field_messages(model, exc):
            if name is None:
                problems.add(row.number, "", message)
            elif name not in row.failed:
                problems.add(row.number, problems.by_field.get(name, name), message)
        return None


def repeated_rows(table: ReadTable, problems: Problems) -> set[int]:
    """Numbers of rows that repeat an earlier row exactly (each reported once)."""
    first: dict[tuple[RawValue, ...], int] = {}
    repeated: set[int] = set()
    for row in table.rows:
        earlier = first.setdefault(row.values, row.number)
        if earlier != row.number:
            repeated.add(row.number)
            problems.add(row.number, "", f"Raden är en dubblett av rad {earlier}.")
    return repeated


def unique_in_file(
    entries: Iterable[tuple[ParsedRow, Any, str]],
    field_name: str,
    problems: Problems,
    template: str,
) -> None:
    """A key that must not repeat inside the file; *template* has ``{value}`` and ``{row}``."""
    first: dict[Any, int] = {}
    for row, key, shown in entries:
        if key is None or key == "" or field_name in row.failed:
            continue
        earlier = first.setdefault(key, row.number)
        if earlier != row.number:
            problems.field(row, field_name, template.format(value=shown, row=earlier))
