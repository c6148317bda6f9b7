"""Avtalsuppföljning: checklist templates, follow-up plans, results and actions."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inkop_desktop.db.base import Base, Row


class FollowupTemplate(Row, Base):
    """A named checklist (e.g. "Grundkontroll leverantör")."""

    __tablename__ = "followup_template"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class FollowupTemplateItem(Row, Base):
    """One checklist point with its category."""

    __tablename__ = "followup_template_item"
    template_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("followup_template.id", ondelete="CASCADE")
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)


class FollowupPlan(Row, Base):
    """The follow-up plan of a contract: risk tier, frequency and next due date."""

    __tablename__ = "followup_plan"
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id"), unique=True)
    template_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("followup_template.id"))
    risk_tier: Mapped[str] = mapped_column(String(10))
    interval_months: Mapped[int] = mapped_column(Integer)
    next_due: Mapped[date] = mapped_column(Date, index=True)
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))


class Followup(Row, Base):
    """One follow-up occasion of a contract."""

    __tablename__ = "followup"
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup_plan.id", ondelete="CASCADE"))
    due_on: Mapped[date] = mapped_column(Date)
    performed_on: Mapped[date | None] = mapped_column(Date)
    performed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(20), default="planerad")
    summary: Mapped[str] = mapped_column(Text, default="")


class FollowupResult(Row, Base):
    """The outcome of one checklist point at one occasion."""

    __tablename__ = "followup_result"
    followup_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("followup.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40))
    item_text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class FollowupAction(Row, Base):
    """An action on a deviation, with owner and due date."""

    __tablename__ = "followup_action"
    result_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("followup_result.id", ondelete="CASCADE")
    )
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="oppen")
    sanction: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
