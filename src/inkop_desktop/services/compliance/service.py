"""Avtalstrohet: import a leverantörsreskontra (all or nothing) and report spend on contract."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inkop_desktop.db.tables import ReskontraImport as Imp
from inkop_desktop.documents.exchange.spreadsheet import write
from inkop_desktop.domain.calendar import fiscal_year, fiscal_year_bounds
from inkop_desktop.domain.compliance import Field, guess, shape
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service
from inkop_desktop.services.compliance import matching, store
from inkop_desktop.services.compliance.export import ReportKind, report_table
from inkop_desktop.services.compliance.importing import (
    AlreadyImportedError as AlreadyImportedError,
)
from inkop_desktop.services.compliance.importing import (
    ImportResult,
    ReskontraRefusedError,
    read_table,
    store_file,
)
from inkop_desktop.services.compliance.reading import Cancelled, Progress
from inkop_desktop.services.compliance.report import ComplianceReport, build
from inkop_desktop.services.compliance.units import UnitResolver

__all__ = ["ComplianceService", "ImportResult", "Preview", "ReskontraRefusedError"]


@dataclass(frozen=True)
class Preview:
    """A file's headings and the mapping to offer: remembered for this shape, else guessed."""

    headers: tuple[str, ...]
    rows: int
    mapping: dict[Field, str]
    remembered: bool
    already_imported: str | None
    """The date the same file was imported before, if it was."""


class ComplianceService(Service):
    """The reskontra import and the avtalstrohet report."""

    def preview(self, data: bytes, filename: str) -> Preview:
        """Headings and the mapping to offer for *data* (nothing is stored)."""
        table = read_table(data, filename)
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
        with self._session() as s:
            who = self._require(s, Act.COMPLIANCE_IMPORT)
            return store_file(
                s, data, filename, mapping, actor=self.actor, person_id=who.person_id,
                replace=replace, progress=progress, cancelled=cancelled,
            )  # fmt: skip

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

    def report_xlsx(self, kind: ReportKind, year: int | None = None) -> bytes:
        """One of the report's tables as an Excel file."""
        return write(report_table(self.report(year), kind), "xlsx")
