"""Storing a reskontra file in a session: all rows or none, the same file only replaced."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from inkop_desktop.documents.exchange.spreadsheet import ReadTable, format_for, read
from inkop_desktop.domain.compliance import Field, checked, shape
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.services.compliance import store
from inkop_desktop.services.compliance.reading import Cancelled, Progress, parse_rows
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


def read_table(data: bytes, filename: str) -> ReadTable:
    """The first sheet of the file."""
    return read(data, format_for(filename))


def store_file(
    s: Session,
    data: bytes,
    filename: str,
    mapping: Mapping[Field, str],
    *,
    actor: str,
    person_id: uuid.UUID | None,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Every row of the file stored in *s*, or none: bad rows are refused with row numbers."""
    table = read_table(data, filename)
    chosen = checked(mapping, table.headers)
    digest, form = hashlib.sha256(data).hexdigest(), shape(table.headers)
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
        s, filename=filename, sha256=digest, shape=form, rows=rows, person_id=person_id
    )
    store.add_rows(s, record.id, rows, actor, progress, cancelled)
    store.remember(s, actor, form, chosen)
    unmapped = sum(1 for r in rows if r.organisation_id is None)
    return ImportResult(len(rows), record.total_ore, unmapped, old is not None)
