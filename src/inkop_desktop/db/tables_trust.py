"""The certificate issuers an administrator trusts for e-signed decisions (trust roots)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inkop_desktop.db.base import Base, Row


class TrustedIssuer(Row, Base):
    """A CA certificate (the region's CA, an e-legitimation issuer) signatures must chain to."""

    __tablename__ = "trusted_issuer"
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    not_before: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    not_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)
    added_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
