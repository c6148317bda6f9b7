"""Contract attachments: stored in the database with their sha256, verified when read."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Attachment
from inkop_desktop.domain.attachments import (
    check_size,
    format_size,
    verify,
)
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.services.attachments import store_attachment
from inkop_desktop.services.dto import FROZEN

OWNER_TABLE = "contract"


class AttachmentRow(BaseModel):
    """An attachment's metadata (never its content) for lists."""

    model_config = FROZEN
    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime
    created_by: str

    @property
    def size_text(self) -> str:
        """``12 kB``."""
        return format_size(self.size)


class AttachmentFile(BaseModel):
    """An attachment's content, checked against its stored sha256."""

    model_config = FROZEN
    id: uuid.UUID
    filename: str
    media_type: str
    sha256: str
    content: bytes


def attachment_rows(session: Session, contract_id: uuid.UUID) -> tuple[AttachmentRow, ...]:
    """Metadata of the contract's attachments, oldest first; the content is not read."""
    stmt = (
        select(
            Attachment.id,
            Attachment.filename,
            Attachment.media_type,
            Attachment.size,
            Attachment.sha256,
            Attachment.created_at,
            Attachment.created_by,
        )
        .where(Attachment.owner_table == OWNER_TABLE, Attachment.owner_id == contract_id)
        .order_by(Attachment.created_at, Attachment.filename)
    )
    return tuple(AttachmentRow.model_validate(r) for r in session.execute(stmt))


def store(
    session: Session, contract_id: uuid.UUID, filename: str, content: bytes, description: str
) -> None:
    """Add a file (at most 50 MB) with its checksum."""
    check_size(len(content))
    store_attachment(session, OWNER_TABLE, contract_id, filename, content, description)


def read(session: Session, attachment_id: uuid.UUID) -> AttachmentFile:
    """The attachment's content after checking it against its sha256."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.owner_table != OWNER_TABLE:
        raise NotFoundError("Bilagan finns inte längre.")
    content = verify(bytes(row.content), row.sha256, row.filename)
    return AttachmentFile(
        id=row.id,
        filename=row.filename,
        media_type=row.media_type,
        sha256=row.sha256,
        content=content,
    )
