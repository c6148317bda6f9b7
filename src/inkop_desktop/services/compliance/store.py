"""Storing an import: the import record (audited), its rows in bulk, the remembered mapping."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Base, ReskontraImport, ReskontraMapping, ReskontraRow
from inkop_desktop.domain.compliance.mapping import Field, from_json, to_json
from inkop_desktop.services.compliance.reading import Cancelled, ImportCancelledError, ParsedRow
from inkop_desktop.services.compliance.reading import Progress as Progress

CHUNK = 5000
ROWS = Base.metadata.tables["reskontra_row"]
"""The rows' table itself: a plain Core executemany, no ORM bookkeeping per row."""


def existing(session: Session, sha256: str) -> ReskontraImport | None:
    """The import of the file with this sha256, if it was imported before."""
    return session.scalar(select(ReskontraImport).where(ReskontraImport.sha256 == sha256))


def remove(session: Session, old: ReskontraImport) -> None:
    """Delete an import and its rows (a replacement)."""
    session.execute(delete(ReskontraRow).where(ReskontraRow.import_id == old.id))
    session.delete(old)
    session.flush()


def add_import(
    session: Session,
    *,
    filename: str,
    sha256: str,
    shape: str,
    rows: Sequence[ParsedRow],
    person_id: uuid.UUID | None,
) -> ReskontraImport:
    """The import record for *rows* (which must not be empty)."""
    dates = [r.invoice_date for r in rows]
    record = ReskontraImport(
        filename=filename[:300],
        sha256=sha256,
        shape=shape,
        imported_on=date.today(),
        imported_by_id=person_id,
        row_count=len(rows),
        total_ore=sum(r.amount_ore for r in rows),
        first_date=min(dates),
        last_date=max(dates),
    )
    session.add(record)
    session.flush()
    return record


def add_rows(
    session: Session,
    import_id: uuid.UUID,
    rows: Sequence[ParsedRow],
    actor: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Insert the rows in chunks (one statement each, executemany)."""
    now = datetime.now(UTC)
    for start in range(0, len(rows), CHUNK):
        if cancelled is not None and cancelled():
            raise ImportCancelledError("Inläsningen avbröts. Ingenting har sparats.")
        chunk = rows[start : start + CHUNK]
        session.connection().execute(
            insert(ROWS), [_values(r, import_id, actor, now) for r in chunk]
        )
        if progress is not None:
            progress(start + len(chunk), len(rows))


def _values(row: ParsedRow, import_id: uuid.UUID, actor: str, now: datetime) -> dict[str, object]:
    """One row's column values."""
    return {
        "id": uuid.uuid4(), "version": 1, "created_at": now, "created_by": actor,
        "updated_at": now, "updated_by": actor, "import_id": import_id,
        "row_number": row.number, "invoice_date": row.invoice_date, "unit": row.unit,
        "organisation_id": row.organisation_id, "namnd_id": row.namnd_id, "region": row.region,
        "orgnr": row.orgnr, "supplier_name": row.supplier_name, "amount_ore": row.amount_ore,
        "account": row.account,
    }  # fmt: skip


def remembered(session: Session, login: str, shape: str) -> dict[Field, str] | None:
    """The mapping *login* chose for files of this *shape*, if any."""
    stored = session.scalar(
        select(ReskontraMapping.columns).where(
            ReskontraMapping.login == login, ReskontraMapping.shape == shape
        )
    )
    return from_json(stored) if stored else None


def remember(session: Session, login: str, shape: str, mapping: dict[Field, str]) -> None:
    """Store (or update) the mapping *login* chose for this *shape*."""
    row = session.scalar(
        select(ReskontraMapping).where(
            ReskontraMapping.login == login, ReskontraMapping.shape == shape
        )
    )
    text = to_json(mapping)
    if row is None:
        session.add(ReskontraMapping(login=login, shape=shape, columns=text))
    elif row.columns != text:
        row.columns = text
