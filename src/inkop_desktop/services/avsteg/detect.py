"""The state rules found over all records at once, and upserted as one entry per rule and source."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    DirectAward,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
)
from inkop_desktop.domain.avsteg import AwardFacts, ContractFacts, DeviationFacts, rule
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services.avsteg.record import Where, record
from inkop_desktop.services.avsteg.same_kind import reached_awards


@dataclass(frozen=True)
class Finding:
    """One state rule that holds of one record today."""

    key: str
    reason: str
    where: Where
    on: date | None = None
    """When it happened, if the record says (a signing); else the day it was found."""

    @property
    def source(self) -> tuple[str, uuid.UUID | None]:
        """The rule and the record it is about (the upsert's identity)."""
        w = self.where
        return self.key, w.followup_result_id or w.direct_award_id or w.contract_id


def findings(session: Session, day: date, table: ReferenceTable) -> list[Finding]:
    """Every state rule that holds on *day*."""
    return [*_contracts(session, day), *_deviations(session, day), *_awards(session, table)]


def upsert(session: Session, found: list[Finding], day: date) -> int:
    """Add an entry for each finding that has none yet (open or handled); the number added."""
    have = {
        (k, r or a or c)
        for k, r, a, c in session.execute(
            select(
                Avsteg.kind, Avsteg.followup_result_id, Avsteg.direct_award_id, Avsteg.contract_id
            )
        )
    }
    added = 0
    for f in found:
        if f.source not in have:
            record(session, f.key, f.reason, None, f.where, f.on or day)
            have.add(f.source)
            added += 1
    return added


def _contracts(session: Session, day: date) -> Iterator[Finding]:
    """Contracts in force without avtalsägare/handläggare or without a follow-up plan."""
    stmt = (
        select(Contract, FollowupPlan.id.label("plan"))
        .outerjoin(FollowupPlan, FollowupPlan.contract_id == Contract.id)
        .where(Contract.start_date <= day, Contract.end_date >= day)
        .where(
            (Contract.owner_id.is_(None))
            | (Contract.handlaggare_id.is_(None))
            | (FollowupPlan.id.is_(None))
        )
    )
    for c, plan in session.execute(stmt):
        facts = ContractFacts(
            c.start_date, c.end_date, c.owner_id is not None, c.handlaggare_id is not None,
            plan is not None,
        )  # fmt: skip
        where = Where(contract_id=c.id, region=c.parties, organisation_id=c.owner_org_id)
        if rule("avtal_utan_ansvarig").applies(facts, day):
            missing = "avtalsägare" if not facts.owner else "handläggare"
            yield Finding(
                "avtal_utan_ansvarig", f"Avtal {c.contract_number} saknar {missing}.", where
            )
        if rule("avtal_utan_plan").applies(facts, day):
            yield Finding(
                "avtal_utan_plan", f"Avtal {c.contract_number} gäller men saknar uppföljningsplan.",
                where,
            )  # fmt: skip


def _deviations(session: Session, day: date) -> Iterator[Finding]:
    """Serious deviations of a follow-up that no action addresses."""
    actions = (
        select(func.count(FollowupAction.id))
        .where(FollowupAction.result_id == FollowupResult.id)
        .scalar_subquery()
    )
    stmt = (
        select(FollowupResult, actions.label("n"), Contract)
        .join(Followup, Followup.id == FollowupResult.followup_id)
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .join(Contract, Contract.id == FollowupPlan.contract_id)
        .where(FollowupResult.outcome == "avvikelse", FollowupResult.serious.is_(True))
    )
    for r, n, c in session.execute(stmt):
        if rule("allvarlig_utan_atgard").applies(DeviationFacts(True, True, int(n or 0)), day):
            where = Where(
                contract_id=c.id, followup_result_id=r.id, region=c.parties,
                organisation_id=c.owner_org_id,
            )  # fmt: skip
            text = f"Avtal {c.contract_number}: allvarlig avvikelse utan åtgärd ({r.item_text})."
            yield Finding("allvarlig_utan_atgard", text, where)


def _awards(session: Session, table: ReferenceTable) -> Iterator[Finding]:
    """Signed direct awards below the guideline's quotes, on another day, or past same kind."""
    signed = list(
        session.execute(select(DirectAward).where(DirectAward.signed_at.is_not(None))).scalars()
    )
    reached = reached_awards(session, signed, table)
    for a in signed:
        facts = AwardFacts(
            same_kind_reached=a.id in reached,
            under_limit_ground=a.legal_ground == "under_grans",
            fewer_quotes_reason=a.fewer_quotes_reason,
            decision_date=a.award_date,
            signed_on=a.signed_at.astimezone().date() if a.signed_at else None,
        )
        where = Where(direct_award_id=a.id, region=a.region, organisation_id=a.organisation_id)
        for key, text in (
            ("farre_anbud", f"{a.diarienummer}: färre offerter – {a.fewer_quotes_reason.strip()}"),
            ("annat_beslutsdatum", f"{a.diarienummer}: signerat annan dag än beslutsdatum "
             f"{a.award_date.isoformat()} – {a.decision_date_reason.strip()}"),
            ("samma_slag", f"{a.diarienummer}: samma slag ({a.same_kind_key}) över "
             "direktupphandlingsgränsen under räkenskapsåret."),
        ):  # fmt: skip
            if rule(key).applies(facts, date.today()):
                yield Finding(key, text, where, facts.signed_on)
