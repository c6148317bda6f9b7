"""What each exchangeable kind provides, and the all-or-nothing import that drives it."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from inkop_desktop.documents.exchange.spreadsheet import CellValue, ReadTable
from inkop_desktop.services.exchange.rows import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Column,
    ImportReport,
    ParsedRow,
    Problems,
    RowOutcome,
    map_headers,
    parse_rows,
    repeated_rows,
    required_fields,
)

ExportRow = tuple[CellValue, ...]


class KindExchange(ABC):
    """Columns, export rows, row checks and storing for one kind of record."""

    kind: ClassVar[str]
    title: ClassVar[str]
    model: ClassVar[type[BaseModel]]
    columns: ClassVar[tuple[Column, ...]]
    update: bool = False
    """Update mode: rows matching a stored record by the natural key update it."""

    @property
    def headers(self) -> tuple[str, ...]:
        """The stable Swedish column headers, in sheet order."""
        return tuple(c.header for c in self.columns)

    @abstractmethod
    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """One sheet row per id, in the order given."""

    @abstractmethod
    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Validate, resolve references and find duplicates; problems go to *problems*."""

    @abstractmethod
    def store(self, session: Session, items: list[Any]) -> list[RowOutcome] | None:
        """Insert (or in update mode also update) the checked items; outcomes per row if any."""


def run_import(session: Session, exchange: KindExchange, table: ReadTable) -> ImportReport:
    """Check every row first; store everything in *session* only when no row has a problem."""
    problems = Problems(exchange.columns)
    required = required_fields(exchange.model, exchange.columns)
    mapping = map_headers(table, exchange.columns, required, problems)
    if problems.items:
        return ImportReport(kind=exchange.kind, imported=0, errors=problems.sorted())
    repeated = repeated_rows(table, problems)
    rows = [r for r in parse_rows(table, mapping, problems) if r.number not in repeated]
    items = exchange.check(session, rows, problems)
    if problems.items:
        return ImportReport(kind=exchange.kind, imported=0, errors=problems.sorted())
    outcomes = exchange.store(session, items) or []
    session.flush()
    warnings = tuple(sorted(problems.warnings, key=lambda p: p.row))
    return ImportReport(
        kind=exchange.kind,
        imported=sum(1 for o in outcomes if o.action == CREATED) if outcomes else len(items),
        warnings=warnings,
        outcomes=tuple(sorted(outcomes, key=lambda o: o.row)),
    )


def apply(row: Any, values: dict[str, Any], headers: dict[str, str]) -> list[str]:
    """Set the changed *values* on an ORM row; the headers of the changed columns.

    Columns without a header (derived ones such as search keys) change silently.
    """
    changed = []
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            if name in headers:
                changed.append(headers[name])
    return changed


def outcome(number: int, created: bool, changed: Sequence[str]) -> RowOutcome:
    """The row's outcome: created, updated (with its columns) or unchanged."""
    if created:
        return RowOutcome(row=number, action=CREATED)
    action = UPDATED if changed else UNCHANGED
    return RowOutcome(row=number, action=action, changed=tuple(dict.fromkeys(changed)))
