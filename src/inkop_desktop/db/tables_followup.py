"""Avtalsuppföljning: checklist templates, follow-up plans, results, actions and contact log.

Templates are versioned: ``FollowupTemplate.current_version`` names the version in use and the
items of every version stay (``FollowupTemplateItem.version_no``); a follow-up copies the texts
of the version it was started from. A follow-up with status ``slutford`` is signed and fixed
(ORM guard in db/immutability.py, triggers of migration 0009).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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

from inkop_desktop.db import followup_immutability  # noqa: F401  (registers the guard)
from inkop_desktop.db.base import Base, Row


class FollowupTemplate(Row, Base):
    """A named checklist (e.g. "Grundkontroll leverantör"); its items are versioned."""

    __tablename__ = "followup_template"
    __table_args__ = (Index("ix_followup_template_key", "key", unique=True),)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    key: Mapped[str] = mapped_column(String(60))
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FollowupTemplateItem(Row, Base):
    """One checklist point of one template version, with the evidence expected."""

    __tablename__ = "followup_template_item"
    template_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("followup_template.id", ondelete="CASCADE")
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    evidence: Mapped[str] = mapped_column(Text, default="")
    serious: Mapped[bool] = mapped_column(Boolean, default=False)


class FollowupPlan(Row, Base):
    """The follow-up plan of a contract: risk tier, frequency and next due date."""

    __tablename__ = "followup_plan"
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id"), unique=True)
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("followup_template.id"))
    risk_tier: Mapped[str] = mapped_column(String(10))
    interval_months: Mapped[int] = mapped_column(Integer)
    next_due: Mapped[date] = mapped_column(Date, index=True)
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class FollowupPlanTemplate(Row, Base):
    """A checklist template that applies to a plan (in order; the first is ``template_id``)."""

    __tablename__ = "followup_plan_template"
    __table_args__ = (UniqueConstraint("plan_id", "template_id"),)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup_plan.id", ondelete="CASCADE"))
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup_template.id"))
    ordinal: Mapped[int] = mapped_column(Integer)


class Followup(Row, Base):
    """One follow-up occasion of a contract: planerad, utkast or slutford (signed)."""

    __tablename__ = "followup"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup_plan.id", ondelete="CASCADE"))
    due_on: Mapped[date] = mapped_column(Date)
    performed_on: Mapped[date | None] = mapped_column(Date)
    performed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(20), default="planerad")
    summary: Mapped[str] = mapped_column(Text, default="")
    signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    templates: Mapped[str] = mapped_column(Text, default="")
    """The templates used, as "name (version N)" lines, copied when the follow-up starts."""


class FollowupResult(Row, Base):
    """The outcome of one checklist point at one occasion (texts copied from the template)."""

    __tablename__ = "followup_result"
    followup_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40))
    item_text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    """ok, avvikelse, ej_tillamplig, or "" while not yet assessed (a draft)."""
    comment: Mapped[str] = mapped_column(Text, default="")
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    evidence_expected: Mapped[str] = mapped_column(Text, default="")
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    template_item_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("followup_template_item.id")
    )


class FollowupAction(Row, Base):
    """An action on a deviation, with owner, due date and sanction, tracked until closed."""

    __tablename__ = "followup_action"
    result_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("followup_result.id", ondelete="CASCADE")
    )
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="oppen")
    sanction: Mapped[str] = mapped_column(Text, default="")
    """ingen, reklamation, vite or havning (domain.followup.Sanction)."""
    closed_on: Mapped[date | None] = mapped_column(Date)
    closing_note: Mapped[str] = mapped_column(Text, default="")
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))


class FollowupContact(Row, Base):
    """One entry of a contract's supplier contact log: when, who, how and what."""

    __tablename__ = "followup_contact"
    contract_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    contacted_on: Mapped[date] = mapped_column(Date)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    supplier_person: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
