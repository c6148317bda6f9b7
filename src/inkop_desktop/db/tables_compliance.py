"""Avtalstrohet: imported leverantörsreskontra extracts, their rows and remembered mappings."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inkop_desktop.db.base import Base, Row


class ReskontraImport(Row, Base):
    """One imported accounts-payable file (its sha256 refuses the same file twice)."""

    __tablename__ = "reskontra_import"
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    shape: Mapped[str] = mapped_column(String(64))
    imported_on: Mapped[date] = mapped_column(Date)
    imported_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    row_count: Mapped[int] = mapped_column(Integer)
    total_ore: Mapped[int] = mapped_column(BigInteger)
    first_date: Mapped[date] = mapped_column(Date)
    last_date: Mapped[date] = mapped_column(Date)


class ReskontraRow(Row, Base):
    """One invoice line: date, the unit as written and as mapped, supplier, amount, account."""

    __tablename__ = "reskontra_row"
    __table_args__ = (Index("ix_reskontra_row_orgnr_date", "orgnr", "invoice_date"),)
    import_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reskontra_import.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int] = mapped_column(Integer)
    invoice_date: Mapped[date] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    namnd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    region: Mapped[str | None] = mapped_column(String(3))
    orgnr: Mapped[str] = mapped_column(String(11))
    supplier_name: Mapped[str] = mapped_column(String(200))
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    account: Mapped[str] = mapped_column(String(40))


class ReskontraMapping(Row, Base):
    """The column mapping a person chose for files with one set of headings (JSON)."""

    __tablename__ = "reskontra_mapping"
    __table_args__ = (UniqueConstraint("login", "shape"),)
    login: Mapped[str] = mapped_column(String(100))
    shape: Mapped[str] = mapped_column(String(64))
    columns: Mapped[str] = mapped_column(Text)
