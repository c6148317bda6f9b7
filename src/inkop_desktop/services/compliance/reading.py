"""A reskontra file's rows as checked values; every refused cell named with its row number."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from inkop_desktop.documents.exchange.spreadsheet import ReadTable, is_blank
from inkop_desktop.domain.compliance import Field
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.identifiers import normalise_orgnr
from inkop_desktop.services.compliance.units import UnitResolver
from inkop_desktop.services.exchange import CellError, ImportProblem, day, kronor, text

Progress = Callable[[int, int], None]
"""Called with (rows done, rows in all) while a file is read and stored."""
Cancelled = Callable[[], bool]
PROGRESS_EVERY = 2000
MAX_UNIT = 200
MAX_NAME = 200
MAX_ACCOUNT = 40


class ImportCancelledError(DomainError):
    """The user cancelled the import; nothing was stored."""

    message_id = "compliance.cancelled"


class ParsedRow(NamedTuple):
    """One invoice line ready to store."""

    number: int
    invoice_date: date
    unit: str
    organisation_id: uuid.UUID | None
    namnd_id: uuid.UUID | None
    region: str | None
    orgnr: str
    supplier_name: str
    amount_ore: int
    account: str


@lru_cache(maxsize=65536)
def _orgnr(raw: str) -> str:
    """A normalised orgnr (cached: a reskontra repeats its suppliers)."""
    return normalise_orgnr(raw)


def _limited(raw: object, most: int, what: str) -> str:
    """Text of at most *most* characters, never empty."""
    value = text(raw)  # type: ignore[arg-type]
    if not value:
        raise CellError(f"{what} saknas")
    if len(value) > most:
        raise CellError(f"{what} får vara högst {most} tecken")
    return value


def _orgnr_cell(raw: object) -> str:
    """The orgnr cell, normalised, or a CellError in Swedish."""
    value = text(raw)  # type: ignore[arg-type]
    if not value:
        raise CellError("organisationsnummer saknas")
    try:
        return _orgnr(value)
    except DomainError as exc:
        raise CellError(exc.text) from exc


_PARSERS: dict[Field, Callable[[object], object]] = {
    Field.DATUM: day,  # type: ignore[dict-item]
    Field.ENHET: lambda raw: _limited(raw, MAX_UNIT, "nämnd/ansvar"),
    Field.ORGNR: _orgnr_cell,
    Field.LEVERANTOR: lambda raw: _limited(raw, MAX_NAME, "leverantörens namn"),
    Field.BELOPP: kronor,  # type: ignore[dict-item]
    Field.KONTO: lambda raw: _limited(raw, MAX_ACCOUNT, "konto"),
}


def parse_rows(
    table: ReadTable,
    mapping: Mapping[Field, str],
    units: UnitResolver,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[list[ParsedRow], list[ImportProblem]]:
    """Every row of *table* read through *mapping*, and the problems (none stored if any)."""
    index = {field: table.headers.index(heading) for field, heading in mapping.items()}
    problems = [
        ImportProblem(row=p.row, column=p.column, message=p.message) for p in table.problems
    ]
    parsed: list[ParsedRow] = []
    total = len(table.rows)
    for done, row in enumerate(table.rows, 1):
        if done % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelledError("Inläsningen avbröts. Ingenting har sparats.")
            if progress is not None:
                progress(done, total)
        values: dict[Field, object] = {}
        for field, column in index.items():
            raw = row.values[column] if column < len(row.values) else None
            if is_blank(raw):
                problems.append(ImportProblem(row=row.number, column=mapping[field],
                                              message=f"{field.label} saknas."))  # fmt: skip
                continue
            try:
                values[field] = _PARSERS[field](raw)
            except CellError as exc:
                problems.append(
                    ImportProblem(row=row.number, column=mapping[field], message=exc.text)
                )
        if len(values) == len(index):
            parsed.append(_row(row.number, values, units))
    return parsed, problems


def _row(number: int, values: dict[Field, object], units: UnitResolver) -> ParsedRow:
    """A checked row with its unit resolved (an unknown unit stays, unmapped)."""
    written = str(values[Field.ENHET])
    unit = units.resolve(written)
    return ParsedRow(
        number=number,
        invoice_date=values[Field.DATUM],  # type: ignore[arg-type]
        unit=written,
        organisation_id=unit.organisation_id if unit else None,
        namnd_id=unit.namnd_id if unit else None,
        region=unit.region if unit else None,
        orgnr=str(values[Field.ORGNR]),
        supplier_name=str(values[Field.LEVERANTOR]),
        amount_ore=int(values[Field.BELOPP]),  # type: ignore[call-overload]
        account=str(values[Field.KONTO]),
    )
