"""The Översikt's filter: a region and a nämnd, turned into SQL conditions per kind of record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, true

from inkop_desktop.db.tables import Contract, DirectAward, PlanItem, PlanItemParty
from inkop_desktop.domain.organisation import Parties


@dataclass(frozen=True)
class Scope:
    """Region code ("SRM"/"VMA", "" for both) and the organisations of the chosen nämnd."""

    region: str = ""
    members: tuple[uuid.UUID, ...] | None = None
    """None: every nämnd; otherwise the nämnd's own id and its förvaltningar."""

    def _parties(self, column: Any) -> ColumnElement[bool]:
        """A record for the region, or for both regions."""
        if not self.region:
            return true()
        return column.in_((self.region, Parties.BADA.value))  # type: ignore[no-any-return]

    def _org(self, column: Any) -> ColumnElement[bool]:
        """A record whose organisation belongs to the chosen nämnd."""
        if self.members is None:
            return true()
        return column.in_(self.members)  # type: ignore[no-any-return]

    def plan(self) -> ColumnElement[bool]:
        """Plan items of the region with a party in the nämnd."""
        if self.members is None:
            return self._parties(PlanItem.parties)
        party = exists().where(
            PlanItemParty.plan_item_id == PlanItem.id,
            PlanItemParty.organisation_id.in_(self.members),
        )
        return self._parties(PlanItem.parties) & party

    def contract(self) -> ColumnElement[bool]:
        """Contracts of the region whose avtalsägare's unit is in the nämnd."""
        return self._parties(Contract.parties) & self._org(Contract.owner_org_id)

    def award(self) -> ColumnElement[bool]:
        """Direct awards of the region made by a unit of the nämnd."""
        region = or_(DirectAward.region == self.region, DirectAward.region == Parties.BADA.value)
        by_region = region if self.region else true()
        return by_region & self._org(DirectAward.organisation_id)
