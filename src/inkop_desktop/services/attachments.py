"""Files of any record (contract, follow-up point …): stored with sha256, read back verified."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Attachment
from inkop_desktop.domain.attachments import (
    checked_description,
    format_size,
    media_type,
    safe_filename,
    sha256_hex,
    verify,
)
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.services.dto import FROZEN

ROW_COLUMNS = (
    Attachment.id, Attachment.filename, Attachment.media_type, Attachment.size,
    Attachment.sha256, Attachment.description, Attachment.created_at, Attachment.created_by,
)  # fmt: skip
"""The columns an AttachmentRow is read from (never the content)."""


class AttachmentRow(BaseModel):
    """An attachment's metadata (never its content) for lists."""

    model_config = FROZEN
    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    description: str = ""
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


def read_attachment(
    session: Session, owner_table: str, attachment_id: uuid.UUID, missing: str
) -> AttachmentFile:
    """The content of an attachment of *owner_table* after checking it against its sha256."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.owner_table != owner_table:
        raise NotFoundError(missing)
    content = verify(bytes(row.content), row.sha256, row.filename)
    return AttachmentFile(
        id=row.id, filename=row.filename, media_type=row.media_type, sha256=row.sha256,
        content=content,
    )  # fmt: skip


def store_attachment(
    session: Session,
    owner_table: str,
    owner_id: uuid.UUID,
    filename: str,
    content: bytes,
    description: str,
) -> Attachment:
    """Add the file with a safe name and its checksum; flushed so the row has its id."""
    name = safe_filename(filename)
    row = Attachment(
        version=1,
        owner_table=owner_table,
        owner_id=owner_id,
        filename=name,
        media_type=media_type(name),
        size=len(content),
        sha256=sha256_hex(content),
        content=content,
        description=checked_description(description),
    )
    session.add(row)
    session.flush()
    return row
