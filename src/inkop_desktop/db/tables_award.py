"""Direct awards with quotes, and jäv: participants, declarations, interests, assessments."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from inkop_desktop.db import immutability  # noqa: F401  (registers the signed-record guard)
from inkop_desktop.db.base import Base, Row


class DirectAward(Row, Base):
    """A direktupphandling record (19 a kap. LOU); immutable once signed."""

    __tablename__ = "direct_award"
    __table_args__ = (
        # the same-kind totals and their stamp: key, fiscal year and status read from the index
        # (they replace the single-column indexes on same_kind_key and award_date)
        Index("ix_direct_award_same_kind", "same_kind_key", "award_date", "status", "version"),
        Index("ix_direct_award_date_diarienummer", "award_date", "diarienummer"),  # list order
    )
    diarienummer: Mapped[str] = mapped_column(String(40), unique=True)
    region: Mapped[str] = mapped_column(String(4), index=True)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    requester_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    cpv: Mapped[str] = mapped_column(String(10))
    same_kind_key: Mapped[str] = mapped_column(String(20))
    same_kind_reason: Mapped[str] = mapped_column(Text, default="")
    competition: Mapped[str] = mapped_column(Text, default="")
    value_ore: Mapped[int] = mapped_column(BigInteger)
    duration: Mapped[str] = mapped_column(String(200), default="")
    legal_ground: Mapped[str] = mapped_column(String(30))
    chosen_supplier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("supplier.id"))
    award_reason: Mapped[str] = mapped_column(Text, default="")
    award_date: Mapped[date] = mapped_column(Date)
    decision_maker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    delegation_rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("delegation_rule.id"))
    decision_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    existing_contract_reason: Mapped[str] = mapped_column(Text, default="")
    efterannonsering_done: Mapped[bool] = mapped_column(Boolean, default=False)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("direct_award.id"))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signature_method: Mapped[str | None] = mapped_column(String(20))
    signed_pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    documentation_sha256: Mapped[str | None] = mapped_column(String(64))
    decision_sha256: Mapped[str | None] = mapped_column(String(64))
    fewer_quotes_reason: Mapped[str] = mapped_column(Text, default="")
    existing_contract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contract.id"))
    suppliers_asked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    annex2_services: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    decision_date_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    contract_check_basis: Mapped[str | None] = mapped_column(Text)


class Quote(Row, Base):
    """A quote received in a direct award; secret until the decision (OSL 19 kap. 3 §)."""

    __tablename__ = "quote"
    __table_args__ = (UniqueConstraint("direct_award_id", "supplier_id"),)
    direct_award_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("direct_award.id", ondelete="CASCADE")
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier.id"))
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    received_on: Mapped[date] = mapped_column(Date)
    received_how: Mapped[str] = mapped_column(String(40), default="e-post")
    notes: Mapped[str] = mapped_column(Text, default="")


class Participant(Row, Base):
    """A person taking part in a procurement (plan item) or a direct award."""

    __tablename__ = "participant"
    __table_args__ = (
        CheckConstraint(
            "(plan_item_id IS NULL) <> (direct_award_id IS NULL)", name="one_procurement"
        ),
        UniqueConstraint("plan_item_id", "person_id"),
        UniqueConstraint("direct_award_id", "person_id"),
    )
    plan_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("plan_item.id"), index=True)
    direct_award_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("direct_award.id"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(100))
    added_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)
    removed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    removal_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class JavDeclaration(Row, Base):
    """One version of a participant's jävsdeklaration and sekretessförbindelse."""

    __tablename__ = "jav_declaration"
    __table_args__ = (UniqueConstraint("participant_id", "version_no"),)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    version_no: Mapped[int] = mapped_column(Integer)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jav_declaration.id"))
    party_affected: Mapped[bool] = mapped_column(Boolean, default=False)
    party_affected_text: Mapped[str] = mapped_column(Text, default="")
    representative: Mapped[bool] = mapped_column(Boolean, default=False)
    representative_text: Mapped[str] = mapped_column(Text, default="")
    instance_or_supervision: Mapped[bool] = mapped_column(Boolean, default=False)
    instance_or_supervision_text: Mapped[str] = mapped_column(Text, default="")
    other_circumstance: Mapped[bool] = mapped_column(Boolean, default=False)
    other_circumstance_text: Mapped[str] = mapped_column(Text, default="")
    report_changes: Mapped[bool] = mapped_column(Boolean, default=False)
    secrecy_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    needs_confirmation: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DeclaredInterest(Row, Base):
    """A declared relationship to a company or person."""

    __tablename__ = "declared_interest"
    declaration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("jav_declaration.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    company_name: Mapped[str] = mapped_column(String(200), default="")
    company_orgnr: Mapped[str | None] = mapped_column(String(11))
    person_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class JavAssessment(Row, Base):
    """The responsible manager's assessment of a declared relationship."""

    __tablename__ = "jav_assessment"
    declaration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("jav_declaration.id", ondelete="CASCADE"), index=True
    )
    interest_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("declared_interest.id"))
    assessor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    assessed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
