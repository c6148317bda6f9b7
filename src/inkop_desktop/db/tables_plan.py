"""Upphandlingsplan and contract portfolio tables."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from inkop_desktop.db.base import Base, Row


class PlanItem(Row, Base):
    """A planned or running procurement in the upphandlingsplan."""

    __tablename__ = "plan_item"
    reference: Mapped[str] = mapped_column(String(30), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(30), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    parties: Mapped[str] = mapped_column(String(4))
    estimated_total_ore: Mapped[int] = mapped_column(BigInteger)
    annual_value_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    contract_months: Mapped[int] = mapped_column(Integer, default=0)
    option_months: Mapped[int] = mapped_column(Integer, default=0)
    procedure: Mapped[str | None] = mapped_column(String(40))
    procedure_reason: Mapped[str] = mapped_column(Text, default="")
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    planned_start: Mapped[date | None] = mapped_column(Date)
    needs_analysis_on: Mapped[date | None] = mapped_column(Date)
    advertise_on: Mapped[date | None] = mapped_column(Date)
    award_on: Mapped[date | None] = mapped_column(Date)
    contract_start_on: Mapped[date | None] = mapped_column(Date)
    env_requirements: Mapped[str] = mapped_column(Text, default="")
    social_requirements: Mapped[str] = mapped_column(Text, default="")
    agenda2030: Mapped[str] = mapped_column(Text, default="")
    preparedness: Mapped[str] = mapped_column(String(20), default="ingen")
    replaces_contract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contract.id"))
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("plan_item.id"))


class PlanItemParty(Row, Base):
    """A nämnd, förvaltning or region that has the need of a plan item."""

    __tablename__ = "plan_item_party"
    __table_args__ = (UniqueConstraint("plan_item_id", "organisation_id"),)
    plan_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))


class PlanItemCpv(Row, Base):
    """A CPV code of a plan item."""

    __tablename__ = "plan_item_cpv"
    __table_args__ = (UniqueConstraint("plan_item_id", "cpv"),)
    plan_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"))
    cpv: Mapped[str] = mapped_column(String(10), index=True)


class PlanItemBidder(Row, Base):
    """A supplier that has tendered (or been invited) in a plan item's procurement."""

    __tablename__ = "plan_item_bidder"
    __table_args__ = (UniqueConstraint("plan_item_id", "supplier_id"),)
    plan_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"))
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier.id"))
    listed_on: Mapped[date] = mapped_column(Date)


class Contract(Row, Base):
    """A contract in the portfolio (avtalsdatabasen)."""

    __tablename__ = "contract"
    __table_args__ = (  # the list's default order (end date, number) read straight from an index
        Index("ix_contract_end_date_number", "end_date", "contract_number"),
    )
    contract_number: Mapped[str] = mapped_column(String(40), unique=True)
    diarienummer: Mapped[str] = mapped_column(String(40), default="")
    procurement_id: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    number_key: Mapped[str] = mapped_column(Text, default="")
    keywords_key: Mapped[str] = mapped_column(Text, default="")
    suppliers_key: Mapped[str] = mapped_column(Text, default="")
    parties: Mapped[str] = mapped_column(String(4))
    procedure: Mapped[str] = mapped_column(String(40))
    legal_basis: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    notice_months: Mapped[int] = mapped_column(Integer, default=0)
    total_value_ore: Mapped[int] = mapped_column(BigInteger)
    annual_value_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    price_index: Mapped[str] = mapped_column(String(100), default="")
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    handlaggare_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    owner_org_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    is_framework: Mapped[bool] = mapped_column(Boolean, default=False)
    framework_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contract.id"))
    e_handel: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_tier: Mapped[str] = mapped_column(String(10), default="normal")
    preparedness_critical: Mapped[bool] = mapped_column(Boolean, default=False)
    cpv: Mapped[str] = mapped_column(String(10), index=True, default="")


class ContractSupplier(Row, Base):
    """A supplier party to a contract."""

    __tablename__ = "contract_supplier"
    __table_args__ = (UniqueConstraint("contract_id", "supplier_id"),)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supplier.id"), index=True)


class ContractOption(Row, Base):
    """An extension option with its length and decision deadline."""

    __tablename__ = "contract_option"
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer)
    decision_deadline: Mapped[date] = mapped_column(Date, index=True)
    decision: Mapped[str] = mapped_column(String(20), default="ej_beslutad")


class ContractAmendment(Row, Base):
    """A change to a contract; the original value stays on the contract."""

    __tablename__ = "contract_amendment"
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    amended_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    new_value_ore: Mapped[int] = mapped_column(BigInteger)
