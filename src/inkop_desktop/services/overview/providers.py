"""Where the avsteg and avtalstrohet pictures get their numbers (the registers plug in here)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from sqlalchemy import func, select

from inkop_desktop.db.tables import Avsteg, Contract, DirectAward, PlanItem, PlanItemParty
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.base import Service
from inkop_desktop.services.overview.scope import Scope

PerUnit = dict[uuid.UUID | None, int]
"""A number per organisation (the unit a record belongs to; None: no unit recorded)."""
NO_LEDGER = "Ingen reskontra inläst"


class AvstegProvider(Protocol):
    """The open avsteg, counted per organisation."""

    def open_avsteg_by_namnd(self, scope: Scope, today: date) -> PerUnit:
        """Open avsteg per organisation within *scope*."""
        ...


class ComplianceProvider(Protocol):
    """Avtalstrohet: the share (per cent) of spend on contract, per organisation."""

    def share_on_contract_by_namnd(self, scope: Scope, today: date) -> PerUnit | None:
        """Per cent on contract per organisation; None while no ledger has been read in."""
        ...


class RecordedAvsteg(Service):
    """Open entries of the avsteg register, by their nämnd (else the unit of their record)."""

    def open_avsteg_by_namnd(self, scope: Scope, today: date) -> PerUnit:
        """Open entries per nämnd / avtalsägare / beställande enhet / a party of the plan item."""
        party = (
            select(PlanItemParty.organisation_id)
            .where(PlanItemParty.plan_item_id == Avsteg.plan_item_id)
            .order_by(PlanItemParty.organisation_id)
            .limit(1)
            .scalar_subquery()
        )
        unit = func.coalesce(
            Avsteg.organisation_id, Contract.owner_org_id, DirectAward.organisation_id, party
        )
        stmt = (
            select(unit, func.count(Avsteg.id))
            .outerjoin(Contract, Contract.id == Avsteg.contract_id)
            .outerjoin(DirectAward, DirectAward.id == Avsteg.direct_award_id)
            .outerjoin(PlanItem, PlanItem.id == Avsteg.plan_item_id)
            .where(Avsteg.closed_on.is_(None), Avsteg.reported_on <= today)
            .group_by(unit)
        )
        if scope.members is not None:
            stmt = stmt.where(unit.in_(scope.members))
        if scope.region:
            region = func.coalesce(
                func.nullif(Avsteg.region, ""),
                Contract.parties,
                DirectAward.region,
                PlanItem.parties,
            )
            stmt = stmt.where(region.in_((scope.region, Parties.BADA.value)))
        with self._session() as s:
            return {org: int(n) for org, n in s.execute(stmt)}


class NoLedger:
    """No supplier ledger (reskontra) read in yet: nothing to show."""

    def share_on_contract_by_namnd(self, scope: Scope, today: date) -> PerUnit | None:
        """Always None: the picture says "Ingen reskontra inläst"."""
        return None
