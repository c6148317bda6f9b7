"""Contract attachments: stored in the database with their sha256, verified when read."""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Attachment
from inkop_desktop.domain.attachments import check_size
from inkop_desktop.services.attachments import (
    ROW_COLUMNS,
    AttachmentFile,
    AttachmentRow,
    read_attachment,
    store_attachment,
)
from inkop_desktop.services.reads import plain_read

OWNER_TABLE = "contract"
__all__ = ["OWNER_TABLE", "AttachmentFile", "AttachmentRow", "attachment_rows", "read", "store"]


_ROWS = (
    select(*ROW_COLUMNS)
    .where(Attachment.owner_table == OWNER_TABLE, Attachment.owner_id == bindparam("cid"))
    .order_by(Attachment.created_at, Attachment.filename)
)
"""Built once: every open and save of a contract reads it."""


def attachment_rows(session: Session, contract_id: uuid.UUID) -> tuple[AttachmentRow, ...]:
    """Metadata of the contract's attachments, oldest first; the content is not read."""
    found = plain_read(session, _ROWS, {"cid": contract_id})
    return tuple(AttachmentRow.model_validate(r) for r in found)


def store(
    session: Session, contract_id: uuid.UUID, filename: str, content: bytes, description: str
) -> None:
    """Add a file (at most 50 MB) with its checksum."""
    check_size(len(content))
    store_attachment(session, OWNER_TABLE, contract_id, filename, content, description)


def read(session: Session, attachment_id: uuid.UUID) -> AttachmentFile:
    """The attachment's content after checking it against its sha256."""
    return read_attachment(session, OWNER_TABLE, attachment_id, "Bilagan finns inte längre.")
