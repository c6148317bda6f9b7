"""Avtalstrohet: import a leverantörsreskontra (all or nothing) and report spend on contract."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inkop_desktop.db.tables import ReskontraImport as Imp
from inkop_desktop.documents.exchange.spreadsheet import ReadTable, format_for, read
from inkop_desktop.domain.calendar import fiscal_year, fiscal_year_bounds
from inkop_desktop.domain.compliance import Field, checked, guess, shape
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service
from inkop_desktop.services.compliance import matching, store
from inkop_desktop.services.compliance.reading import Cancelled, Progress, parse_rows
from inkop_desktop.services.compliance.report import ComplianceReport, build
from inkop_desktop.services.compliance.units import UnitResolver
from inkop_desktop.services.exchange import ImportProblem

MAX_SHOWN = 20


class ReskontraRefusedError(DomainError):
    """A file with bad rows: nothing was stored; ``problems`` lists every one."""

    message_id = "compliance.refused"

    def __init__(self, problems: list[ImportProblem]) -> None:
        lines = [p.text for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"… och {len(problems) - MAX_SHOWN} fel till.")
        super().__init__(
            f"Filen lästes inte in: {len(problems)} fel. Ingenting har sparats.\n"
            + "\n".join(lines)
        )
        self.problems = tuple(problems)


class AlreadyImportedError(DomainError):
    """The same file (by sha256) was imported before; replacing it needs confirmation."""

    message_id = "compliance.duplicate"


@dataclass(frozen=True)
class Preview:
    """A file's headings and the mapping to offer: remembered for this shape, else guessed."""

    headers: tuple[str, ...]
    rows: int
    mapping: dict[Field, str]
    remembered: bool
    already_imported: str | None
    """The date the same file was imported before, if it was."""


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    rows: int
    total_ore: int
    unmapped_rows: int
    replaced: bool

    @property
    def summary(self) -> str:
        """``12 000 rader lästes in (3 utan känd nämnd/ansvar).``."""
        count = f"{self.rows:,}".replace(",", " ")
        text = f"{count} rader lästes in"
        if self.replaced:
            text += " och ersatte den tidigare inläsningen av samma fil"
        if self.unmapped_rows:
            text += f" ({self.unmapped_rows} utan känd nämnd/ansvar, listade under Ej kopplade)"
        return text + "."


def _table(data: bytes, filename: str) -> ReadTable:
    """The first sheet of the file."""
    return read(data, format_for(filename))


class ComplianceService(Service):
    """The reskontra import and the avtalstrohet report."""

    def preview(self, data: bytes, filename: str) -> Preview:
        """Headings and the mapping to offer for *data* (nothing is stored)."""
        table = _table(data, filename)
        form = shape(table.headers)
        with self._session() as s:
            mapping = store.remembered(s, self.actor, form)
            before = store.existing(s, hashlib.sha256(data).hexdigest())
            when = before.imported_on.isoformat() if before else None
        usable = mapping is not None and all(h in table.headers for h in mapping.values())
        return Preview(
            headers=table.headers,
            rows=len(table.rows),
            mapping=mapping if usable and mapping else guess(table.headers),
            remembered=usable,
            already_imported=when,
        )

    def import_file(
        self,
        data: bytes,
        filename: str,
        mapping: Mapping[Field, str],
        *,
        replace: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportResult:
        """Store every row of the file, or none: bad rows are refused with their row numbers."""
        table = _table(data, filename)
        chosen = checked(mapping, table.headers)
        digest, form = hashlib.sha256(data).hexdigest(), shape(table.headers)
        with self._session() as s:
            who = self._require(s, Act.COMPLIANCE_IMPORT)
            old = store.existing(s, digest)
            if old is not None and not replace:
                raise AlreadyImportedError(
                    f"Filen ”{old.filename}” lästes in redan {old.imported_on.isoformat()}. "
                    "Välj Ersätt för att läsa in den igen i stället för den förra."
                )
            rows, problems = parse_rows(table, chosen, UnitResolver(s), progress, cancelled)
            if problems:
                raise ReskontraRefusedError(problems)
            if not rows:
                raise ValidationError("Filen har inga rader att läsa in.")
            if old is not None:
                store.remove(s, old)
            record = store.add_import(
                s, filename=filename, sha256=digest, shape=form, rows=rows, person_id=who.person_id
            )
            store.add_rows(s, record.id, rows, self.actor, progress, cancelled)
            store.remember(s, self.actor, form, chosen)
            unmapped = sum(1 for r in rows if r.organisation_id is None)
        return ImportResult(len(rows), record.total_ore, unmapped, old is not None)

    def report(self, year: int | None = None) -> ComplianceReport:
        """Shares on contract, off-contract suppliers and same-kind warnings for *year*."""
        table = ReferenceService(self._ctx).table()
        with self._session() as s:
            first, last = matching.date_range(s)
            if first is None or last is None:
                return ComplianceReport(year=None, years=())
            years = tuple(range(fiscal_year(first), fiscal_year(last) + 1))
            chosen = year if year in years else years[-1]
            start, end = fiscal_year_bounds(chosen)
            groups = matching.spend_groups(s, start, end)
            units = UnitResolver(s)
            return build(
                chosen,
                years,
                groups,
                units.name,
                matching.supplier_cpv(s),
                table,
                matching.unmapped_units(s, start, end),
            )

    def imported(self) -> list[tuple[str, date, int]]:
        """(file name, imported on, rows) of every import, newest first."""
        with self._session() as s:
            stmt = select(Imp.filename, Imp.imported_on, Imp.row_count).order_by(
                Imp.created_at.desc()
            )
            return [(f, d, n) for f, d, n in s.execute(stmt)]
