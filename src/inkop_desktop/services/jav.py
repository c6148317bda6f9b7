"""Jäv och sekretess: the participant roster with each person's declaration state."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from inkop_desktop.db.tables import (
    DeclaredInterest,
    DirectAward,
    JavAssessment,
    JavDeclaration,
    Participant,
    Person,
    PlanItem,
)
from inkop_desktop.domain.jav import AssessmentOutcome, DeclarationState, declaration_state
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.listing import ListSpec, run_page


class RosterRow(BaseModel):
    """One participant of one procurement and where their declaration stands."""

    model_config = FROZEN
    id: uuid.UUID
    procurement: str
    procurement_title: str
    person: str
    external_company: str | None
    role: str
    added_on: date
    state: DeclarationState
    signed_version: int | None


_LATEST = (
    select(func.max(JavDeclaration.version_no))
    .where(JavDeclaration.participant_id == Participant.id)
    .scalar_subquery()
)
Latest = aliased(JavDeclaration, name="latest")
_PROCUREMENT = func.coalesce(PlanItem.reference, DirectAward.diarienummer)
_TITLE = func.coalesce(PlanItem.title, DirectAward.title)


def _count(model: Any, *where: Any) -> Any:
    """Correlated count over rows belonging to the latest declaration."""
    return (
        select(func.count(model.id))
        .where(model.declaration_id == Latest.id, *where)
        .scalar_subquery()
    )


SPEC = ListSpec(
    sortable={
        "procurement": _PROCUREMENT,
        "procurement_title": _TITLE,
        "person": Person.name,
        "role": Participant.role,
        "added_on": Participant.added_on,
    },
    searchable=[
        Person.name,
        PlanItem.reference,
        DirectAward.diarienummer,
        PlanItem.title,
        DirectAward.title,
    ],
    default_sort="procurement",
    filters={"person_login": lambda v: Person.login == v},
)


class JavService(Service):
    """Use cases of jäv declarations."""

    def roster(self, query: ListQuery) -> Page[RosterRow]:
        """Active participants of all procurements with their declaration state."""
        stmt = (
            select(
                Participant.id,
                _PROCUREMENT.label("procurement"),
                _TITLE.label("procurement_title"),
                Person.name.label("person"),
                Person.external_company,
                Participant.role,
                Participant.added_on,
                Latest.signed_at,
                Latest.version_no,
                Latest.needs_confirmation,
                Latest.party_affected,
                Latest.representative,
                Latest.instance_or_supervision,
                Latest.other_circumstance,
                _count(DeclaredInterest).label("interests"),
                _count(JavAssessment).label("assessed"),
                _count(JavAssessment, JavAssessment.outcome == AssessmentOutcome.JAV).label("jav"),
            )
            .join(Person, Person.id == Participant.person_id)
            .outerjoin(PlanItem, PlanItem.id == Participant.plan_item_id)
            .outerjoin(DirectAward, DirectAward.id == Participant.direct_award_id)
            .outerjoin(
                Latest,
                (Latest.participant_id == Participant.id) & (Latest.version_no == _LATEST),
            )
            .where(
                Participant.removed_on.is_(None),
                or_(PlanItem.id.isnot(None), DirectAward.id.isnot(None)),
            )
        )
        with self._session() as s:
            rows, total = run_page(s, stmt, SPEC, query)
        return Page(rows=[_row(r) for r in rows], total=total, offset=query.offset)


def _row(r: Any) -> RosterRow:
    """Build a roster row and its gating state from the joined columns."""
    grounds = sum(
        bool(getattr(r, g))
        for g in (
            "party_affected",
            "representative",
            "instance_or_supervision",
            "other_circumstance",
        )
    )
    state = declaration_state(
        signed=r.signed_at is not None,
        needs_confirmation=bool(r.needs_confirmation),
        conflicts=int(r.interests or 0) + grounds,
        assessed=int(r.assessed or 0),
        assessed_jav=bool(r.jav),
    )
    signed = r.version_no if r.signed_at is not None else None
    return RosterRow(
        id=r.id,
        procurement=r.procurement or "",
        procurement_title=r.procurement_title or "",
        person=r.person,
        external_company=r.external_company,
        role=r.role,
        added_on=r.added_on,
        state=state,
        signed_version=signed,
    )
