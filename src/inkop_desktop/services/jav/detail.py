"""Build the declaration DTO a permitted reader sees (declarant, responsible, manager)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DeclaredInterest, JavAssessment, JavDeclaration, Person
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.jav.access import Viewer, check_view, may_assess
from inkop_desktop.domain.jav.gating import items, open_items, participant_state
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind, JavGround
from inkop_desktop.services.jav.dto import (
    AssessmentRow,
    DeclarationDetail,
    GroundRow,
    InterestRow,
    ItemRow,
    SupplierRef,
    VersionRef,
)
from inkop_desktop.services.jav.facts import Loaded, load_ids, with_declaration
from inkop_desktop.services.jav.procurement import ProcurementRef, of_participant
from inkop_desktop.services.jav.roster import match_rows

GROUNDS_ITEM = "Jävsgrunder och övriga kopplingar"


def load_participant(session: Session, participant_id: uuid.UUID) -> Loaded:
    """One participant with their current declaration; NotFoundError if gone."""
    found = load_ids(session, [participant_id]).get(participant_id)
    if found is None:
        raise NotFoundError("Deltagaren finns inte längre.")
    return found


def versions_of(session: Session, participant_id: uuid.UUID) -> list[JavDeclaration]:
    """All versions of a participant's declaration, oldest first."""
    stmt = select(JavDeclaration).where(JavDeclaration.participant_id == participant_id)
    return list(session.scalars(stmt.order_by(JavDeclaration.version_no)))


def detail_for(
    session: Session, participant_id: uuid.UUID, version_no: int | None, viewer: Viewer
) -> DeclarationDetail:
    """The declaration *version_no* (default: current signed, else the latest draft)."""
    item = load_participant(session, participant_id)
    ref = of_participant(session, item.participant)
    check_view(viewer, item.person.id, ref.responsible_ids)
    versions = versions_of(session, participant_id)
    if not versions:
        raise NotFoundError(f"{item.person.name} har ännu inte lämnat någon jävsdeklaration.")
    decl = _pick(versions, version_no, item.current)
    if decl is None:
        raise NotFoundError(f"Version {version_no} av deklarationen finns inte.")
    return build_detail(session, with_declaration(session, item, decl), ref, viewer, versions)


def _pick(
    versions: list[JavDeclaration], version_no: int | None, current: JavDeclaration | None
) -> JavDeclaration | None:
    """The version asked for; by default the current signed one, else the latest draft."""
    if version_no is None:
        return current or versions[-1]
    return next((v for v in versions if v.version_no == version_no), None)


def build_detail(
    session: Session,
    item: Loaded,
    ref: ProcurementRef,
    viewer: Viewer,
    versions: list[JavDeclaration],
) -> DeclarationDetail:
    """The DTO of *item*'s declaration (``item.current``)."""
    decl = item.current
    assert decl is not None
    assessments = _assessments(session, item)
    return DeclarationDetail(
        id=decl.id,
        participant_id=item.participant.id,
        version_no=decl.version_no,
        versions=tuple(
            VersionRef(id=v.id, version_no=v.version_no, signed_at=v.signed_at) for v in versions
        ),
        is_current=decl.signed_at is not None
        and not any(v.version_no > decl.version_no and v.signed_at for v in versions),
        person=item.person.name,
        person_id=item.person.id,
        external_company=item.person.external_company,
        role=item.participant.role,
        procurement=ref,
        grounds=tuple(_ground(decl, g) for g in JavGround),
        interests=tuple(_interest(i) for i in item.interests),
        report_changes=decl.report_changes,
        secrecy_accepted=decl.secrecy_accepted,
        signed_at=decl.signed_at,
        needs_confirmation=decl.needs_confirmation,
        confirmed_at=decl.confirmed_at,
        assessments=tuple(assessments),
        items=tuple(_items(item, assessments)),
        suppliers=tuple(
            SupplierRef(name=k.name, orgnr=k.orgnr, known_on=k.known_on) for k in item.suppliers
        ),
        state=participant_state(item.facts),
        is_own=viewer.person_id == item.person.id,
        may_assess=may_assess(viewer, item.person.id, ref.responsible_ids),
    )


def _ground(decl: JavDeclaration, ground: JavGround) -> GroundRow:
    """One ground with the stored answer."""
    return GroundRow(
        key=ground.value,
        label=ground.label,
        question=ground.question,
        source=ground.source,
        answer=bool(getattr(decl, ground.value)),
        text=str(getattr(decl, f"{ground.value}_text") or ""),
    )


def _interest(row: DeclaredInterest) -> InterestRow:
    """A stored interest as a DTO."""
    return InterestRow(
        id=row.id,
        kind=InterestKind(row.kind),
        company_name=row.company_name,
        company_orgnr=row.company_orgnr,
        person_name=row.person_name,
        description=row.description,
    )


def interest_label(row: DeclaredInterest | InterestRow) -> str:
    """``Ägande: Städ & Service AB (556016-0680)``."""
    company = row.company_name
    if row.company_orgnr:
        company = f"{company} ({row.company_orgnr})" if company else row.company_orgnr
    who = ", ".join(p for p in (company, row.person_name) if p)
    return f"{InterestKind(row.kind).label}: {who}"


def _item_label(item: Loaded, key: uuid.UUID | None) -> str:
    """The Swedish name of an item to assess."""
    if key is None:
        return GROUNDS_ITEM
    interest = next((i for i in item.interests if i.id == key), None)
    return interest_label(interest) if interest is not None else "Borttaget förhållande"


def _assessments(session: Session, item: Loaded) -> list[AssessmentRow]:
    """The declaration's assessments with the assessors' names, oldest first."""
    ids = {a.assessor_id for a in item.assessments}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
    return [
        _assessment(a, names.get(a.assessor_id, ""), _item_label(item, a.interest_id))
        for a in item.assessments
    ]


def _assessment(row: JavAssessment, assessor: str, label: str) -> AssessmentRow:
    """A stored assessment as a DTO."""
    return AssessmentRow(
        id=row.id,
        interest_id=row.interest_id,
        item=label,
        assessor=assessor,
        outcome=AssessmentOutcome(row.outcome),
        reason=row.reason,
        assessed_at=row.assessed_at,
    )


def _items(item: Loaded, assessments: list[AssessmentRow]) -> list[ItemRow]:
    """What the assessor has to decide, with matches and the latest assessment."""
    latest = {a.interest_id: a for a in assessments}
    pending = {o.interest_id for o in open_items(item.facts)}
    matches = match_rows(item)
    return [
        ItemRow(
            interest_id=key,
            label=_item_label(item, key),
            matches=tuple(m for m in matches if m.interest_id == key),
            latest=latest.get(key),
            open=key in pending,
        )
        for key in items(item.facts)
    ]
