"""The line about anmälan to the nämnd a delegated decision carries (KL 6 kap. 40 §)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DelegationRule, DirectAward, Organisation
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.organisation import OrgKind
from inkop_desktop.services.direct_award import facts

NAMNDER = (OrgKind.NAMND.value, OrgKind.INKOPSNAMND.value)


def _rule(session: Session, row: DirectAward) -> DelegationRule | None:
    """The rule recorded at signing, else the rule that covers the decision now (if any)."""
    if row.delegation_rule_id is not None:
        return session.get(DelegationRule, row.delegation_rule_id)
    try:
        found = facts.delegation(session, row)
    except DomainError:  # no decision maker or no delegation: the record says so elsewhere
        return None
    return session.get(DelegationRule, found.id)


def _namnd(session: Session, org_id: uuid.UUID | None) -> Organisation | None:
    """The nämnd the rule's unit belongs to: the unit itself or the nearest above it."""
    seen: set[uuid.UUID] = set()
    first: Organisation | None = None
    while org_id is not None and org_id not in seen:
        seen.add(org_id)
        org = session.get(Organisation, org_id)
        if org is None:
            break
        first = first or org
        if org.kind in NAMNDER:
            return org
        org_id = org.parent_id
    return first


def report_line(session: Session, row: DirectAward) -> str:
    """``Beslutet anmäls till Nämnden för hälsa och sjukvård.`` where the rule requires it."""
    rule = _rule(session, row)
    if rule is None or not rule.report_to_namnd:
        return ""
    namnd = _namnd(session, rule.organisation_id)
    return f"Beslutet anmäls till {namnd.name}." if namnd is not None else ""
