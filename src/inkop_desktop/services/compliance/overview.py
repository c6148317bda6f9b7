"""Avtalstrohet per nämnd for the Översikt: the share of spend on contract, in per cent."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from sqlalchemy import func, select

from inkop_desktop.db.tables import ReskontraRow
from inkop_desktop.domain.calendar import fiscal_year, fiscal_year_bounds
from inkop_desktop.services.base import Service
from inkop_desktop.services.compliance import matching

R = ReskontraRow


class UnitScope(Protocol):
    """The Översikt's filter: a region code ("" for both) and the nämnd's organisations."""

    @property
    def region(self) -> str:
        """The region code: SRM, VMA, or empty for both."""
        ...

    @property
    def members(self) -> tuple[uuid.UUID, ...] | None:
        """None for every nämnd, else the nämnd and its förvaltningar."""
        ...


class ComplianceShares(Service):
    """The latest fiscal year's share on contract per nämnd (the one the report opens on)."""

    def share_on_contract_by_namnd(
        self, scope: UnitScope, today: date
    ) -> dict[uuid.UUID | None, int] | None:
        """Per cent on contract per nämnd within *scope*; None while no ledger is read in."""
        with self._session() as s:
            first, last = matching.date_range(s)
            if first is None or last is None:
                return None
            start, end = fiscal_year_bounds(fiscal_year(min(last, max(first, today))))
            inner = select(R.namnd_id, R.amount_ore, matching.on_contract().label("covered"))
            inner = inner.where(R.invoice_date >= start, R.invoice_date <= end)
            if scope.region:
                inner = inner.where(R.region == scope.region)
            if scope.members is not None:
                inner = inner.where(R.namnd_id.in_(scope.members))
            c = inner.subquery().c
            stmt = select(
                c.namnd_id, func.sum(c.amount_ore), func.sum(c.amount_ore * c.covered)
            ).group_by(c.namnd_id)
            return {
                unit: round(100 * int(on or 0) / int(total))
                for unit, total, on in s.execute(stmt)
                if total
            }
