"""Load participants with their current declaration, interests, assessments and matches."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    DeclaredInterest,
    JavAssessment,
    JavDeclaration,
    Participant,
    Person,
    PersonRole,
)
from inkop_desktop.domain.jav.access import Viewer
from inkop_desktop.domain.jav.crosscheck import DeclaredParty, KnownSupplier, Match, cross_check
from inkop_desktop.domain.jav.gating import AssessmentFact, ParticipantFacts
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind, JavGround, local_day
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.jav.procurement import (
    ProcurementRef,
    known_suppliers,
    known_suppliers_many,
    roster_clause,
)


@dataclass(frozen=True)
class Loaded:
    """One participant as stored, with what gating derives from it."""

    participant: Participant
    person: Person
    current: JavDeclaration | None
    latest_no: int | None
    interests: list[DeclaredInterest]
    assessments: list[JavAssessment]
    matches: list[Match]
    facts: ParticipantFacts
    suppliers: list[KnownSupplier]

    @property
    def procurement_id(self) -> uuid.UUID:
        """The plan item's or direct award's id."""
        found = self.participant.plan_item_id or self.participant.direct_award_id
        assert found is not None
        return found


def viewer_of(session: Session, actor: str) -> Viewer:
    """The acting person and whether they hold the inköpschef role."""
    person_id = session.scalar(select(Person.id).where(Person.login == actor)) if actor else None
    if person_id is None:
        return Viewer(None, False)
    manager = session.scalar(
        select(func.count(PersonRole.id)).where(
            PersonRole.person_id == person_id, PersonRole.role == Role.INKOPSCHEF.value
        )
    )
    return Viewer(person_id, bool(manager))


def grounds_of(declaration: JavDeclaration) -> tuple[JavGround, ...]:
    """The grounds answered "ja"."""
    return tuple(g for g in JavGround if getattr(declaration, g.value))


def parties_of(interests: Sequence[DeclaredInterest]) -> list[DeclaredParty]:
    """Declared interests as cross-check input."""
    return [
        DeclaredParty(
            i.id, InterestKind(i.kind), i.company_name, i.company_orgnr or "", i.person_name
        )
        for i in interests
    ]


def load_procurement(
    session: Session, ref: ProcurementRef
) -> tuple[list[Loaded], list[KnownSupplier]]:
    """Every participant of *ref* (removed ones too) and the known suppliers."""
    suppliers = known_suppliers(session, ref)
    rows = session.execute(
        select(Participant, Person)
        .join(Person, Person.id == Participant.person_id)
        .where(roster_clause(ref))
        .order_by(Participant.added_on, Person.name)
    ).all()
    return _load(session, [(p, person) for p, person in rows], {ref.id: suppliers}), suppliers


def load_ids(session: Session, participant_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Loaded]:
    """The given participants, across procurements."""
    if not participant_ids:
        return {}
    rows = session.execute(
        select(Participant, Person)
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.id.in_(participant_ids))
    ).all()
    pairs = [(p, person) for p, person in rows]
    plans = list({p.plan_item_id for p, _ in pairs if p.plan_item_id is not None})
    awards = list({p.direct_award_id for p, _ in pairs if p.direct_award_id is not None})
    suppliers = known_suppliers_many(session, plans, awards)
    return {item.participant.id: item for item in _load(session, pairs, suppliers)}


def _load(
    session: Session,
    pairs: list[tuple[Participant, Person]],
    suppliers: dict[uuid.UUID, list[KnownSupplier]],
) -> list[Loaded]:
    """Attach declarations, interests, assessments and matches to each participant."""
    ids = [p.id for p, _ in pairs]
    current, latest = _declarations(session, ids)
    decl_ids = [d.id for d in current.values()]
    interests = _by_declaration(session, DeclaredInterest, decl_ids, DeclaredInterest.created_at)
    assessments = _by_declaration(session, JavAssessment, decl_ids, JavAssessment.assessed_at)
    result = []
    for participant, person in pairs:
        decl = current.get(participant.id)
        own_interests = interests.get(decl.id, []) if decl else []
        own_assessments = assessments.get(decl.id, []) if decl else []
        procurement = participant.plan_item_id or participant.direct_award_id
        known = suppliers.get(procurement, []) if procurement else []
        matches = cross_check(parties_of(own_interests), known, person.external_company)
        facts = _facts(participant, person, decl, own_interests, own_assessments, matches)
        result.append(
            Loaded(
                participant,
                person,
                decl,
                latest.get(participant.id),
                own_interests,
                own_assessments,
                matches,
                facts,
                known,
            )
        )
    return result


def with_declaration(session: Session, item: Loaded, decl: JavDeclaration) -> Loaded:
    """*item* recomputed for another version *decl* of the same participant."""
    if item.current is not None and decl.id == item.current.id:
        return item
    interests = _by_declaration(session, DeclaredInterest, [decl.id], DeclaredInterest.created_at)
    assessments = _by_declaration(session, JavAssessment, [decl.id], JavAssessment.assessed_at)
    own_interests, own_assessments = interests.get(decl.id, []), assessments.get(decl.id, [])
    matches = cross_check(parties_of(own_interests), item.suppliers, item.person.external_company)
    facts = _facts(item.participant, item.person, decl, own_interests, own_assessments, matches)
    return Loaded(
        item.participant,
        item.person,
        decl,
        item.latest_no,
        own_interests,
        own_assessments,
        matches,
        facts,
        item.suppliers,
    )


def _declarations(
    session: Session, participant_ids: list[uuid.UUID]
) -> tuple[dict[uuid.UUID, JavDeclaration], dict[uuid.UUID, int]]:
    """The latest signed version and the latest version number per participant."""
    current: dict[uuid.UUID, JavDeclaration] = {}
    latest: dict[uuid.UUID, int] = {}
    if not participant_ids:
        return current, latest
    stmt = (
        select(JavDeclaration)
        .where(JavDeclaration.participant_id.in_(participant_ids))
        .order_by(JavDeclaration.participant_id, JavDeclaration.version_no)
    )
    for decl in session.scalars(stmt):
        latest[decl.participant_id] = decl.version_no
        if decl.signed_at is not None:
            current[decl.participant_id] = decl
    return current, latest


def _by_declaration(
    session: Session, model: Any, declaration_ids: list[uuid.UUID], order: Any
) -> dict[uuid.UUID, list[Any]]:
    """Rows of *model* grouped by declaration id, in *order*."""
    grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
    if declaration_ids:
        stmt = select(model).where(model.declaration_id.in_(declaration_ids)).order_by(order)
        for row in session.scalars(stmt):
            grouped[row.declaration_id].append(row)
    return grouped


def _facts(
    participant: Participant,
    person: Person,
    decl: JavDeclaration | None,
    interests: list[DeclaredInterest],
    assessments: list[JavAssessment],
    matches: list[Match],
) -> ParticipantFacts:
    """The domain's view of one participant."""
    return ParticipantFacts(
        person=person.name,
        role=participant.role,
        removed=participant.removed_on is not None,
        added_on=participant.added_on,
        removed_on=participant.removed_on,
        signed=decl is not None and decl.signed_at is not None,
        needs_confirmation=bool(decl and decl.needs_confirmation),
        grounds_yes=grounds_of(decl) if decl else (),
        interest_ids=tuple(i.id for i in interests),
        matches=tuple(_before_removal(matches, participant.removed_on)),
        assessments=tuple(
            AssessmentFact(a.interest_id, AssessmentOutcome(a.outcome), local_day(a.assessed_at))
            for a in assessments
        ),
    )


def _before_removal(matches: list[Match], removed_on: date | None) -> list[Match]:
    """A removed participant answers only for suppliers known while they took part."""
    if removed_on is None:
        return matches
    return [m for m in matches if m.known_on <= removed_on]


def may_still_be_due() -> Any:
    """SQL: the participant is active, or was removed later than the day they were added."""
    return or_(Participant.removed_on.is_(None), Participant.removed_on > Participant.added_on)
