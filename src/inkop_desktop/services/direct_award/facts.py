"""Gather what the 19 a kap. rules need from the database and run them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    DelegationRule,
    DirectAward,
    Organisation,
    Person,
    PersonRole,
    Quote,
    Supplier,
)
from inkop_desktop.domain.calendar import fiscal_year, fiscal_year_bounds
from inkop_desktop.domain.direct_award.contract_check import (
    ConfirmedCheck,
    parse_basis,
    stale_reason,
)
from inkop_desktop.domain.direct_award.delegation import (
    DecisionMaker,
    DelegationRuleRef,
    covering_rule,
)
from inkop_desktop.domain.direct_award.rules import Assessment, AwardFacts, assess
from inkop_desktop.domain.direct_award.same_kind import AwardRef, SameKindTotal
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES, AwardStatus, LegalGround
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services.direct_award.dto import AwardCheck, EarlierAward, RunningTotal

_REF_COLUMNS = (
    DirectAward.id,
    DirectAward.diarienummer,
    DirectAward.title,
    DirectAward.region,
    DirectAward.same_kind_key,
    DirectAward.value_ore,
    DirectAward.award_date,
    DirectAward.status,
    DirectAward.supersedes_id,
    DirectAward.signed_at,
)
_COUNTED = sorted(s.value for s in COUNTED_STATUSES)


def same_year_refs(
    session: Session, key: str, day: date, own: uuid.UUID | None, parties: Parties | None = None
) -> list[AwardRef]:
    """Other counted awards of the key in the fiscal year of *day* (the domain filters further).

    Only awards that count (klar, signerad) can change a total or replace another, so the rest
    stay in the database; the index ``ix_direct_award_same_kind`` finds them by key and date.
    With *parties*, awards of no region in common are left out too, unless they replace one.
    """
    first, last = fiscal_year_bounds(fiscal_year(day))
    stmt = select(*_REF_COLUMNS).where(
        DirectAward.same_kind_key == key,
        DirectAward.award_date >= first,
        DirectAward.award_date <= last,
        DirectAward.status.in_(_COUNTED),
    )
    if own is not None:
        stmt = stmt.where(DirectAward.id != own)
    if parties is not None:
        shared = [p.value for p in Parties if set(p.regions()) & set(parties.regions())]
        stmt = stmt.where(
            or_(DirectAward.region.in_(shared), DirectAward.supersedes_id.is_not(None))
        )
    return [award_ref(r) for r in session.execute(stmt)]


_PARTIES = {p.value: p for p in Parties}
_STATUSES = {s.value: s for s in AwardStatus}


def award_ref(row: Any) -> AwardRef:
    """The aggregation view of a row or of its ``_REF_COLUMNS`` (validated: cheaper than built)."""
    return AwardRef.model_validate(
        {
            "id": row.id,
            "diarienummer": row.diarienummer,
            "title": row.title,
            "parties": _PARTIES[row.region],
            "same_kind_key": row.same_kind_key,
            "value_ore": row.value_ore,
            "award_date": row.award_date,
            "status": _STATUSES[row.status],
            "supersedes_id": row.supersedes_id,
            "signed_at": row.signed_at,
        }
    )


def authorities(session: Session, parties: Parties) -> tuple[tuple[str, str], ...]:
    """(name, organisationsnummer) of each region the award is made for."""
    found = {
        r.region: (r.name, r.orgnr or "")
        for r in session.execute(
            select(Organisation).where(Organisation.kind == "region")
        ).scalars()
    }
    return tuple(found.get(r.value, (r.label, "")) for r in parties.regions())


def _chosen_orgnr(session: Session, supplier_id: uuid.UUID | None) -> str | None:
    """The chosen supplier's organisationsnummer."""
    if supplier_id is None:
        return None
    return session.execute(
        select(Supplier.orgnr).where(Supplier.id == supplier_id)
    ).scalar_one_or_none()


Found = Mapping[uuid.UUID, str]
"""The contracts in force for a record's need now: id → ``number title``."""


def confirmed(row: DirectAward) -> ConfirmedCheck:
    """What the user confirmed in the "finns det avtal?" step of *row*."""
    return ConfirmedCheck(
        checked=bool(row.existing_contract_reason.strip()),
        chosen=row.existing_contract_id,
        basis=parse_basis(row.contract_check_basis),
    )


def stale_contract_check(row: DirectAward, found: Found | None) -> str:
    """Why the recorded contract check no longer holds for *found* ("" when it holds)."""
    return "" if found is None else stale_reason(confirmed(row), found) or ""


def facts(session: Session, row: DirectAward, found: Found | None) -> AwardFacts:
    """Everything the rules look at for *row* (*found*: contracts covering the need now)."""
    quotes = session.execute(select(Quote.id).where(Quote.direct_award_id == row.id)).all()
    return AwardFacts(
        ref=award_ref(row),
        legal_ground=LegalGround(row.legal_ground),
        annex2_services=row.annex2_services,
        buyer_orgnrs=tuple(orgnr for _name, orgnr in authorities(session, Parties(row.region))),
        title=row.title,
        cpv=row.cpv,
        competition=row.competition,
        suppliers_asked=row.suppliers_asked,
        quotes=len(quotes),
        chosen_supplier_orgnr=_chosen_orgnr(session, row.chosen_supplier_id),
        award_reason=row.award_reason,
        duration=row.duration,
        fewer_quotes_reason=row.fewer_quotes_reason,
        contract_checked=bool(row.existing_contract_reason.strip()),
        contract_hits=len(found or {}),
        contract_stale=stale_contract_check(row, found),
        existing_contract_reason=row.existing_contract_reason,
        decision_maker_set=row.decision_maker_id is not None,
        decision_text=row.decision_text,
        efterannonsering_done=row.efterannonsering_done,
    )


def assessment(
    session: Session, row: DirectAward, table: ReferenceTable, found: Found | None
) -> Assessment:
    """Run every 19 a kap. rule on *row* (*found* None: the contract check is not judged)."""
    others = same_year_refs(session, row.same_kind_key, row.award_date, row.id, Parties(row.region))
    return assess(facts(session, row, found), others, table)


def _organisation_chain(session: Session, org_id: uuid.UUID | None) -> list[uuid.UUID]:
    """The unit and every unit above it (a nämnd's rules cover its förvaltning)."""
    chain: list[uuid.UUID] = []
    while org_id is not None and org_id not in chain:
        chain.append(org_id)
        org_id = session.execute(
            select(Organisation.parent_id).where(Organisation.id == org_id)
        ).scalar_one_or_none()
    return chain


def _rules(session: Session, chain: list[uuid.UUID]) -> list[DelegationRuleRef]:
    """The delegation rules of the units in *chain*."""
    stmt = (
        select(DelegationRule, Organisation.name)
        .join(Organisation, Organisation.id == DelegationRule.organisation_id)
        .where(DelegationRule.organisation_id.in_(chain))
    )
    return [
        DelegationRuleRef(
            id=r.id,
            organisation_id=r.organisation_id,
            organisation=name,
            role=r.role,
            person_id=r.person_id,
            max_amount_ore=r.max_amount_ore,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            reference=r.reference,
        )
        for r, name in session.execute(stmt)
    ]


def delegation(session: Session, row: DirectAward) -> DelegationRuleRef:
    """The rule that lets the decision maker decide this value on the decision date.

    Only the roles the person held on the decision date (award_date) count, and only rules in
    force that day; otherwise a DelegationError naming the rule.
    """
    if row.decision_maker_id is None:
        raise DomainError("Ange beslutsfattare.", message_id="delegation.no_maker")
    person = session.get(Person, row.decision_maker_id)
    day = row.award_date
    roles = session.execute(
        select(PersonRole.role, PersonRole.organisation_id).where(
            PersonRole.person_id == row.decision_maker_id,
            or_(PersonRole.valid_from.is_(None), PersonRole.valid_from <= day),
            or_(PersonRole.valid_to.is_(None), PersonRole.valid_to >= day),
        )
    ).all()
    maker = DecisionMaker(
        id=row.decision_maker_id,
        name=person.name if person else "Beslutsfattaren",
        roles=tuple((r.role, r.organisation_id) for r in roles),
    )
    chain = _organisation_chain(session, row.organisation_id)
    return covering_rule(_rules(session, chain), maker, chain, row.award_date, Money(row.value_ore))


def running_total(t: SameKindTotal) -> RunningTotal:
    """A domain same-kind total as a DTO."""
    return RunningTotal(
        region=t.region.value,
        authority=Region(t.region).label,
        year=t.year,
        key=t.key,
        own_ore=t.own.ore,
        total_ore=t.total.ore,
        limit_ore=t.limit.money.ore,
        limit_source=t.limit.source,
        reached=t.reached,
        earlier=tuple(
            EarlierAward(
                id=a.id,
                diarienummer=a.diarienummer,
                title=a.title,
                parties=a.parties,
                award_date=a.award_date,
                value_ore=a.value_ore,
                status=a.status,
            )
            for a in t.earlier
        ),
    )


def to_check(result: Assessment, delegation_text: str, jav: list[str]) -> AwardCheck:
    """The DTO the editor shows."""
    tier = result.tier
    tier_text = f"Minst {tier.amount} leverantörer ({tier.note})" if tier else "Ingen riktlinje"
    return AwardCheck(
        totals=tuple(running_total(t) for t in result.totals),
        aggregated_ore=result.aggregated.ore,
        documentation_required=result.documentation_required,
        threshold_ore=result.threshold.money.ore,
        checklist=tuple((item.label, done) for item, done in result.checklist),
        tier=tier_text,
        efterannonsering=result.efterannonsering or "",
        delegation=delegation_text,
        problems=tuple(result.problems),
        jav_blockers=tuple(jav),
        threshold_comparison=result.threshold.comparison.symbol,
    )
