"""Build the data of the two direct-award PDFs from a record (inside one session)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, DelegationRule, DirectAward, Organisation, Person
from inkop_desktop.documents.direct_award.doc import (
    AttachmentLine,
    AwardDocument,
    EarlierLine,
    QuoteLine,
    TotalLine,
)
from inkop_desktop.domain.direct_award.rules import Assessment, duty_words
from inkop_desktop.domain.direct_award.status import CITES, AwardStatus, LegalGround, ReceivedHow
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.reference import Comparison, ReferenceTable
from inkop_desktop.services.direct_award import anmalan, store
from inkop_desktop.services.direct_award import facts as rules
from inkop_desktop.services.vocabulary import cpv_name

DECISION_PREFIX = "Beslut "


def _name(session: Session, model: type[Person] | type[Organisation], key: uuid.UUID | None) -> str:
    """The name of a person or organisation, or empty."""
    if key is None:
        return ""
    return session.execute(select(model.name).where(model.id == key)).scalar_one_or_none() or ""


def _how(code: str) -> str:
    """Swedish label of how a quote came in."""
    try:
        return ReceivedHow(code).label
    except ValueError:
        return code


def _contract_check(session: Session, row: DirectAward, found: rules.Found | None) -> str:
    """What the "finns det avtal?" check found and why the purchase goes on.

    A check the facts no longer bear out is never printed as if it held.
    """
    stale = rules.stale_contract_check(row, found)
    if stale:
        return stale
    if row.existing_contract_id is None:
        return row.existing_contract_reason or "Kontrollen är inte gjord."
    number, title = session.execute(
        select(Contract.contract_number, Contract.title).where(
            Contract.id == row.existing_contract_id
        )
    ).one()
    return f"Gällande avtal {number} {title} täcker behovet. Avsteg: {row.existing_contract_reason}"


def delegation_text(session: Session, row: DirectAward) -> str:
    """The delegation the decision rests on, or why there is none."""
    if row.decision_maker_id is None:
        return "Beslutsfattare är inte angiven."
    try:
        return rules.delegation(session, row).describe()
    except DomainError as exc:  # DelegationError, or no decision maker
        return exc.text


def _stored_rule(session: Session, row: DirectAward) -> str:
    """A signed record shows the rule recorded when it was signed."""
    rule = session.get(DelegationRule, row.delegation_rule_id) if row.delegation_rule_id else None
    return rule.reference if rule is not None else delegation_text(session, row)


def _totals(result: Assessment) -> tuple[TotalLine, ...]:
    """The running totals as PDF lines."""
    return tuple(
        TotalLine(
            authority=t.region.label,
            year=t.year,
            key=t.key,
            own_ore=t.own.ore,
            total_ore=t.total.ore,
            limit_ore=t.limit.money.ore,
            limit_source=t.limit.source,
            earlier=tuple(
                EarlierLine(a.diarienummer, a.title, a.award_date, a.value_ore, a.status.label)
                for a in t.earlier
            ),
        )
        for t in result.totals
    )


def _rule_text(result: Assessment) -> str:
    """Whether documentation is required, counted on the same-kind total."""
    total, limit = result.aggregated.format(), result.threshold.money.format()
    where = CITES["documentation"]
    rule = duty_words(result.threshold)
    if result.documentation_required:
        return (
            f"Dokumentation krävs vid {rule}: direktupphandlingar av samma slag under "
            f"räkenskapsåret uppgår till {total} ({where})."
        )
    below = "högst" if result.threshold.comparison is Comparison.OVER else "under"
    return (
        f"Samma slag under räkenskapsåret: {total}, {below} {limit} ({where}); dokumenteras ändå."
    )


def build(
    session: Session,
    row: DirectAward,
    table: ReferenceTable,
    attachments: tuple[AttachmentLine, ...] = (),
    *,
    signed_on: date | None = None,
    found: rules.Found | None = None,
) -> AwardDocument:
    """Every item of the record, its quotes and its running total.

    *signed_on*: the day the decision is being signed (the decision then states it, with the
    reason when it is not the decision date). *found*: the contracts covering the need now
    (a preview shows a contract check they have made stale).
    """
    result = rules.assessment(session, row, table, None)
    quotes = store.quotes(session, row.id)
    chosen = next((q for q in quotes if q.supplier_id == row.chosen_supplier_id), None)
    maker = session.get(Person, row.decision_maker_id) if row.decision_maker_id else None
    signed = AwardStatus(row.status).is_signed
    tier = result.tier
    return AwardDocument(
        diarienummer=row.diarienummer,
        status=AwardStatus(row.status).label,
        authorities=rules.authorities(session, Parties(row.region)),
        organisation=_name(session, Organisation, row.organisation_id),
        requester=_name(session, Person, row.requester_id),
        title=row.title,
        description=row.description,
        cpv=row.cpv,
        cpv_name=cpv_name(row.cpv),
        same_kind_key=row.same_kind_key,
        same_kind_reason=row.same_kind_reason,
        legal_ground=LegalGround(row.legal_ground).label,
        contract_check=_contract_check(session, row, found),
        competition=row.competition,
        suppliers_asked=row.suppliers_asked,
        quotes=tuple(
            QuoteLine(
                q.supplier,
                q.orgnr,
                q.amount_ore,
                q.received_on,
                _how(q.received_how),
                q.notes,
                q.supplier_id == row.chosen_supplier_id,
            )
            for q in quotes
        ),
        quotes_secret=not signed,
        tier=f"Minst {tier.amount} ({tier.note}); {tier.source}" if tier else "–",
        fewer_quotes_reason=row.fewer_quotes_reason,
        chosen_supplier=chosen.supplier if chosen else "",
        chosen_orgnr=chosen.orgnr if chosen else "",
        award_reason=row.award_reason,
        value_ore=row.value_ore,
        duration=row.duration,
        award_date=row.award_date,
        decision_maker=maker.name if maker else "",
        decision_maker_title=maker.title if maker else "",
        delegation=_stored_rule(session, row) if signed else delegation_text(session, row),
        decision_text=row.decision_text,
        documentation_rule=_rule_text(result),
        checklist=tuple((item.label, done) for item, done in result.checklist),
        efterannonsering=result.efterannonsering or "",
        supersedes=store.diarienummer_of(session, row.supersedes_id) or "",
        totals=_totals(result),
        attachments=attachments or stored_attachments(session, row.id),
        signed_on=signed_on,
        decision_date_reason=row.decision_date_reason,
        report_to=anmalan.report_line(session, row),
    )


def stored_attachments(session: Session, award_id: uuid.UUID) -> tuple[AttachmentLine, ...]:
    """The record's files the decision lists (not the decision itself)."""
    return tuple(
        AttachmentLine(f.filename, f.sha256, f.size, f.description)
        for f in store.files(session, award_id)
        if not f.filename.startswith(DECISION_PREFIX)
    )
