"""Demo jäv: participant rosters, declarations in every state, interests and assessments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from inkop_desktop.db.tables import (
    DeclaredInterest,
    JavAssessment,
    JavDeclaration,
    Participant,
)
from inkop_desktop.demo.base import Demo
from inkop_desktop.demo.org import region_of
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind
from inkop_desktop.domain.plan.status import PlanStatus

_STATES = (("none", 12), ("clean", 55), ("interest", 15), ("confirm", 18))
_ACTIVE = {
    PlanStatus.FORBEREDELSE,
    PlanStatus.ANNONSERAD,
    PlanStatus.UTVARDERING,
    PlanStatus.TILLDELAD,
    PlanStatus.AVTAL_TECKNAT,
}
_INTEREST_TEXT = {
    InterestKind.AGANDE: "Äger aktier i bolaget (cirka 2 %) via kapitalförsäkring.",
    InterestKind.STYRELSEUPPDRAG: "Styrelseledamot i bolaget sedan 2021.",
    InterestKind.ANSTALLNING: "Anställd hos leverantören till och med våren förra året.",
    InterestKind.BISYSSLA: "Bisyssla som föreläsare åt leverantören, godkänd av chef.",
    InterestKind.NARSTAENDE: "Maken arbetar som säljare hos leverantören.",
    InterestKind.GAVA: "Bjöds på middag av leverantören vid en branschmässa.",
}
_JAV_KINDS = {InterestKind.STYRELSEUPPDRAG, InterestKind.NARSTAENDE}


@dataclass
class Roster:
    """The people of one procurement or direct award, and its known suppliers."""

    plan_item: Any
    award: Any
    start: date
    suppliers: list[Any]
    manager: Any


def seed_jav(demo: Demo, plan_items: int = 15, awards: int = 10) -> int:
    """Rosters for some plan items and direct awards; returns the number of participants."""
    rosters = _plan_rosters(demo, plan_items) + _award_rosters(demo, awards)
    people = [(r, p) for r in rosters for p in _roster(demo, r)]
    demo.flush()
    states = [(r, p, "clean" if _decided(r) else _state(demo)) for r, p in people]
    planned = [(r, p, s, _link(demo, r) if s == "interest" else None) for r, p, s in states]
    firsts = []
    for n, (roster, participant, state, link) in enumerate(planned):
        if state != "none":
            direct = link if n % 2 == 0 else None  # half declare at once, half in version 2
            firsts.append((roster, participant, link, _declare(demo, participant, state, direct)))
    demo.flush()
    links = []
    for roster, participant, link, first in firsts:
        if link is not None:
            latest = first if _has_ground(first) else _second(demo, participant, first, link)
            links.append((roster, participant, link, latest))
    demo.flush()
    interests = [(r, p, d, _interest(demo, d, link)) for r, p, link, d in links]
    demo.flush()
    for i, (roster, participant, declaration, interest) in enumerate(interests):
        if i % 4 != 3:  # every fourth stays unassessed
            _assess(demo, roster, participant, declaration, interest)
    demo.flush()
    return len(people)


def _decided(roster: Roster) -> bool:
    """A signed award's people declared in time and nothing blocked the decision."""
    return roster.award is not None and AwardStatus(roster.award.status).is_signed


def _plan_rosters(demo: Demo, count: int) -> list[Roster]:
    """Rosters for running procurements."""
    items = [i for i in demo.plan_items if PlanStatus(i.status) in _ACTIVE][:count]
    chief = demo.people["inkopschef"][0]
    result = []
    for item in items:
        category = demo.category_of[item.id]
        replaced = next((c for c in demo.contracts if c.id == item.replaces_contract_id), None)
        suppliers = (
            demo.contract_suppliers[replaced.id]
            if replaced
            else demo.rng.sample(demo.suppliers[category.key], k=3)
        )
        start = min(item.needs_analysis_on, demo.today)
        result.append(Roster(item, None, start, suppliers, chief))
    return result


def _award_rosters(demo: Demo, count: int) -> list[Roster]:
    """Rosters for direct awards that are not drafts any more."""
    wanted = (AwardStatus.KLAR.value, AwardStatus.SIGNERAD.value)
    awards = [a for a in demo.awards if a.status in wanted][:count]
    result = []
    for award in awards:
        maker = next(p for p in demo.people["budgetansvarig"] if p.id == award.decision_maker_id)
        suppliers = [s for s, _ in demo.quotes[award.id]]
        start = award.award_date - timedelta(days=30)
        result.append(Roster(None, award, start, suppliers, maker))
    return result


def _roster(demo: Demo, roster: Roster) -> list[Participant]:
    """Three to six participants; the very first roster has one removed participant."""
    rng = demo.rng
    region = "VMA" if roster.award is not None and roster.award.region == "VMA" else "SRM"
    if roster.plan_item is not None:
        lead = next(
            (p for p in demo.people["upphandlare"] if p.id == roster.plan_item.responsible_id),
            demo.people["upphandlare"][0],
        )
        region = region_of(
            demo,
            next(
                p for p in demo.people["budgetansvarig"] if p.id == roster.plan_item.requested_by_id
            ),
        )
    else:
        lead = roster.manager
    members = [(lead, "Upphandlare" if roster.plan_item else "Beslutsfattare")]
    members.append((rng.choice(demo.people[f"budget-{region}"]), "Beställare"))
    for person in rng.sample(demo.people[f"medarbetare-{region}"], k=rng.choice((1, 2, 3))):
        members.append((person, "Sakkunnig i referensgruppen"))
    if rng.random() < 0.45:
        members.append((rng.choice(demo.people["external"]), "Extern sakkunnig"))
    unique = list({p.id: (p, role) for p, role in members}.values())
    first = not demo.counters["rosters"]
    demo.counters["rosters"] += 1
    return [
        _participant(demo, roster, p, role, first and i == len(unique) - 1)
        for i, (p, role) in enumerate(unique)
    ]


def _participant(demo: Demo, roster: Roster, person: Any, role: str, removed: bool) -> Participant:
    """One roster row."""
    added = roster.start
    return demo.new(
        Participant,
        plan_item_id=roster.plan_item.id if roster.plan_item else None,
        direct_award_id=roster.award.id if roster.award else None,
        person_id=person.id,
        role=role,
        added_on=added,
        removed_on=min(added + timedelta(days=20), demo.today) if removed else None,
        removed_by_id=roster.manager.id if removed else None,
        removal_reason="Lämnade referensgruppen när uppdraget ändrades." if removed else "",
    )


def _state(demo: Demo) -> str:
    """none, clean, interest or confirm."""
    return demo.rng.choices([s for s, _ in _STATES], weights=[w for _, w in _STATES])[0]


def _link(demo: Demo, roster: Roster) -> tuple[InterestKind, Any]:
    """A relationship kind and one of the procurement's suppliers."""
    return demo.rng.choice(list(InterestKind)), demo.rng.choice(roster.suppliers)


def _grounds(link: tuple[InterestKind, Any] | None) -> dict[str, Any]:
    """The declaration's ground flags and texts for a declared relationship."""
    if link is None:
        return {}
    kind, supplier = link
    text = f"{_INTEREST_TEXT[kind]} Gäller {supplier.name}."
    if kind is InterestKind.STYRELSEUPPDRAG:
        return {"representative": True, "representative_text": text}
    if kind in (InterestKind.NARSTAENDE, InterestKind.AGANDE, InterestKind.ANSTALLNING):
        return {"party_affected": True, "party_affected_text": text}
    return {"other_circumstance": True, "other_circumstance_text": text}


def _has_ground(declaration: JavDeclaration) -> bool:
    """True when any FL 16 § ground is answered yes."""
    return bool(
        declaration.party_affected
        or declaration.representative
        or declaration.instance_or_supervision
        or declaration.other_circumstance
    )


def _declare(
    demo: Demo, participant: Participant, state: str, link: tuple[InterestKind, Any] | None
) -> JavDeclaration:
    """Version 1: signed, with grounds when *link* is given, maybe awaiting confirmation."""
    signed = min(participant.added_on + demo.days(1, 10), demo.today)
    confirmed = state == "clean" and demo.rng.random() < 0.3
    return demo.new(
        JavDeclaration,
        participant_id=participant.id,
        version_no=1,
        supersedes_id=None,
        report_changes=True,
        secrecy_accepted=True,
        signed_at=demo.at(signed),
        needs_confirmation=state == "confirm",
        confirmed_at=demo.at(min(signed + timedelta(days=14), demo.today)) if confirmed else None,
        **_grounds(link),
    )


def _second(
    demo: Demo, participant: Participant, first: JavDeclaration, link: tuple[InterestKind, Any]
) -> JavDeclaration:
    """Version 2 once the supplier list is known, now declaring the relationship."""
    signed = min(_signed_on(first) + demo.days(10, 40), demo.today)
    return demo.new(
        JavDeclaration,
        participant_id=participant.id,
        version_no=2,
        supersedes_id=first.id,
        report_changes=True,
        secrecy_accepted=True,
        signed_at=demo.at(signed, 14),
        needs_confirmation=False,
        confirmed_at=demo.at(signed, 14),
        **_grounds(link),
    )


def _interest(
    demo: Demo, declaration: JavDeclaration, link: tuple[InterestKind, Any]
) -> DeclaredInterest:
    """The declared relationship row (orgnr given in most cases)."""
    kind, supplier = link
    return demo.new(
        DeclaredInterest,
        declaration_id=declaration.id,
        kind=kind.value,
        company_name=supplier.name,
        company_orgnr=supplier.orgnr if demo.rng.random() < 0.7 else None,
        person_name="Närstående (make)" if kind is InterestKind.NARSTAENDE else "",
        description=_INTEREST_TEXT[kind],
    )


def _assess(
    demo: Demo,
    roster: Roster,
    participant: Participant,
    declaration: JavDeclaration,
    interest: DeclaredInterest,
) -> None:
    """The manager's assessment: board seats and close relatives are jäv, the rest not."""
    kind = InterestKind(interest.kind)
    jav = kind in _JAV_KINDS
    reason = (
        "Intresset är av sådant slag att opartiskheten kan ifrågasättas; personen deltar inte i "
        "utvärdering eller beslut (FL 16 §)."
        if jav
        else "Sambandet är begränsat och bedöms inte påverka opartiskheten; jävet är uppenbart "
        "utan betydelse."
    )
    demo.new(
        JavAssessment,
        declaration_id=declaration.id,
        interest_id=interest.id,
        assessor_id=_assessor(demo, roster, participant),
        outcome=(AssessmentOutcome.JAV if jav else AssessmentOutcome.INTE_JAV).value,
        reason=reason,
        assessed_at=demo.at(min(_signed_on(declaration) + timedelta(days=2), demo.today), 15),
    )


def _assessor(demo: Demo, roster: Roster, participant: Participant) -> Any:
    """The roster's manager, or the inköpschef when the manager assesses themself."""
    if roster.manager.id == participant.person_id:
        return demo.people["inkopschef"][0].id
    return roster.manager.id


def _signed_on(declaration: JavDeclaration) -> date:
    """The day a (signed) declaration was signed."""
    assert declaration.signed_at is not None
    return declaration.signed_at.date()
