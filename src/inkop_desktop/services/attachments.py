"""Storing a file of any record (contract, direct award …) with its name, type and sha256."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Attachment
from inkop_desktop.domain.attachments import (
    checked_description,
    media_type,
    safe_filename,
    sha256_hex,
)


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
