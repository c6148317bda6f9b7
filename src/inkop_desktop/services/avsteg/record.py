"""Recording an avsteg: within the act's transaction, or an attempt in one of its own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Avsteg, DirectAward, Person
from inkop_desktop.domain.avsteg import Source, rule


@dataclass(frozen=True)
class Where:
    """The record an avsteg belongs to and its region and nämnd."""

    plan_item_id: uuid.UUID | None = None
    contract_id: uuid.UUID | None = None
    direct_award_id: uuid.UUID | None = None
    followup_result_id: uuid.UUID | None = None
    region: str = ""
    organisation_id: uuid.UUID | None = None


def values(
    key: str, reason: str, reporter: uuid.UUID | None, where: Where, on: date | None = None
) -> dict[str, Any]:
    """The columns of a new automatic avsteg of rule *key* (an ORM row or a Core insert)."""
    rule(key)
    return {
        "version": 1,
        "kind": key,
        "reason": reason,
        "reported_by_id": reporter,
        "reported_on": on or date.today(),
        "source": Source.AUTO.value,
        "region": where.region,
        "organisation_id": where.organisation_id,
        "plan_item_id": where.plan_item_id,
        "contract_id": where.contract_id,
        "direct_award_id": where.direct_award_id,
        "followup_result_id": where.followup_result_id,
    }


def record(
    session: Session,
    key: str,
    reason: str,
    reporter: uuid.UUID | None,
    where: Where,
    on: date | None = None,
) -> Avsteg:
    """Add an automatic avsteg of rule *key* in the running transaction (the act's own)."""
    row = Avsteg(**values(key, reason, reporter, where, on))
    session.add(row)
    return row


def award_where(row: DirectAward) -> Where:
    """Where an avsteg about a direct award belongs."""
    return Where(direct_award_id=row.id, region=row.region, organisation_id=row.organisation_id)


def outside_delegation(
    sessions: sessionmaker[Session], login: str, where: Where, refusal: str
) -> None:
    """Record a decision attempted outside delegation, in a transaction of its own.

    The refused act itself is rolled back; one open entry per record is enough.
    """
    key = "utanfor_delegation"
    with sessions.begin() as s:
        s.info["actor"] = login
        already = s.scalar(
            select(Avsteg.id).where(
                Avsteg.kind == key,
                Avsteg.direct_award_id == where.direct_award_id,
                Avsteg.closed_on.is_(None),
            )
        )
        if already is not None:
            return
        reporter = s.execute(select(Person.id).where(Person.login == login)).scalar_one_or_none()
        record(s, key, f"Klar för beslut nekades: {refusal}", reporter, where)
