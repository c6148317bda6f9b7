"""Organisations, people, suppliers, reference data, delegation, avsteg, files, audit, numbers."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from inkop_desktop.db.base import Base, Row, utcnow


class Organisation(Row, Base):
    """A region, nämnd, förvaltning, bolag, the inköpsnämnd or the inköpsverksamhet."""

    __tablename__ = "organisation"
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(30))
    region: Mapped[str | None] = mapped_column(String(3))
    orgnr: Mapped[str | None] = mapped_column(String(11))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))


class Person(Row, Base):
    """An employee or an external participant (consultant, lawyer, IT)."""

    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(200))
    login: Mapped[str] = mapped_column(String(100), unique=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    external_company: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PersonRole(Row, Base):
    """A role a person holds, optionally limited to one organisation."""

    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role", "organisation_id"),)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(30))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Supplier(Row, Base):
    """A supplier with a validated, unique organisationsnummer."""

    __tablename__ = "supplier"
    __table_args__ = (Index("ix_supplier_name_id", "name", "id"),)  # the list's order
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    orgnr: Mapped[str] = mapped_column(String(11), unique=True)
    vat_number: Mapped[str] = mapped_column(String(14))
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class SupplierContact(Row, Base):
    """A contact person at a supplier."""

    __tablename__ = "supplier_contact"
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")


class ReferenceValue(Row, Base):
    """A dated threshold, limit, lead time or guideline tier with its legal source."""

    __tablename__ = "reference_value"
    key: Mapped[str] = mapped_column(String(80), index=True)
    unit: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(BigInteger)
    scope: Mapped[str | None] = mapped_column(String(20))
    from_amount_kr: Mapped[int | None] = mapped_column(BigInteger)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    comparison: Mapped[str] = mapped_column(String(10), default="minst", server_default="minst")


class DelegationRule(Row, Base):
    """Who may decide purchases up to which amount for an organisation, in a period."""

    __tablename__ = "delegation_rule"
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    role: Mapped[str | None] = mapped_column(String(30))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    max_amount_ore: Mapped[int] = mapped_column(BigInteger)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    decision_kind: Mapped[str] = mapped_column(
        String(30), default="direktupphandling", server_default="direktupphandling"
    )
    report_to_namnd: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Avsteg(Row, Base):
    """A recorded deviation from the policy (procedure, existing contract, fewer quotes …)."""

    __tablename__ = "avsteg"
    kind: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    reported_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    reported_on: Mapped[date] = mapped_column(Date)
    plan_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("plan_item.id"))
    contract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contract.id"))
    direct_award_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("direct_award.id"))
    source: Mapped[str] = mapped_column(String(10), default="auto", server_default="auto")
    region: Mapped[str] = mapped_column(String(4), default="", server_default="")
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    followup_result_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("followup_result.id"))
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    action: Mapped[str] = mapped_column(Text, default="", server_default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))


class Attachment(Row, Base):
    """A stored file belonging to a contract, direct award or follow-up, with its sha256."""

    __tablename__ = "attachment"
    owner_table: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[uuid.UUID] = mapped_column(index=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    description: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """An append-only, hash-chained record of a change."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    hash_version: Mapped[int] = mapped_column(Integer, default=2, server_default="1")
    txid: Mapped[int | None] = mapped_column(BigInteger)
    old_row: Mapped[str | None] = mapped_column(Text)
    new_row: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_audit_entry_record", "table_name", "row_id"),
        Index("ix_audit_entry_txid", "txid"),
    )


AUDIT_STAGING = Table(
    "audit_staging",
    Base.metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("txid", BigInteger, nullable=False, index=True),
    Column("actor", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", String(36), nullable=False),
    Column("summary", Text, nullable=False),
    Column("old_row", Text),
    Column("new_row", Text),
)
"""PostgreSQL: a transaction's audit rows until its commit chains them (empty otherwise;
written only by the audit triggers, so no mapped class)."""


class NumberSeries(Row, Base):
    """The last number handed out in a series (``UP-2026``, ``RS 2026``, ``RV 2026``)."""

    __tablename__ = "number_series"
    series: Mapped[str] = mapped_column(String(20), unique=True)
    last_number: Mapped[int] = mapped_column(Integer)
