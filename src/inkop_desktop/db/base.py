"""Declarative base and the columns every row carries (UUID key, version, who and when)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now, for created/updated stamps."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of all tables; constraint names are deterministic for migrations."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {int: Integer, str: String(255)}  # noqa: RUF012


class Row:
    """Mixin: UUID key, optimistic-locking version, created/updated by and at."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    updated_by: Mapped[str] = mapped_column(String(100), default="")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Use ``version`` as SQLAlchemy's version counter."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


Amount = BigInteger
"""Amounts are stored as integer öre in a BIGINT column."""
