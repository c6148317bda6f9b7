"""Each organisation's nämnd (a förvaltning belongs to the nämnd above it), for grouping."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.organisation import OrgKind, Region

NO_UNIT = "Ingen nämnd angiven"
_CLIMB = (OrgKind.NAMND.value, OrgKind.FORVALTNING.value)


@dataclass(frozen=True)
class Units:
    """The nämnd of every organisation and the nämnder's names."""

    namnd_of: dict[uuid.UUID, uuid.UUID]
    names: dict[uuid.UUID, str]

    def namnd_label(self, org_id: uuid.UUID | None) -> str:
        """The name of the nämnd *org_id* belongs to ("Ingen nämnd angiven" for none)."""
        top = self.namnd_of.get(org_id) if org_id is not None else None
        return self.names[top] if top is not None else NO_UNIT

    def members(self, namnd_id: str) -> list[uuid.UUID]:
        """The organisations that belong to the nämnd with id *namnd_id* (itself included)."""
        try:
            wanted = uuid.UUID(namnd_id)
        except ValueError:
            return []
        return [org for org, top in self.namnd_of.items() if top == wanted]

    def options(self) -> list[tuple[str, str]]:
        """(id, name) of every nämnd, by name."""
        tops = set(self.namnd_of.values())
        return sorted(((str(t), self.names[t]) for t in tops), key=lambda o: o[1])


def _top(org: Organisation, orgs: dict[uuid.UUID, Organisation]) -> Organisation:
    """Climb from a förvaltning to its nämnd; other units stand for themselves."""
    for _ in range(len(orgs)):
        parent = orgs.get(org.parent_id) if org.parent_id else None
        if org.kind == OrgKind.NAMND.value or parent is None or parent.kind not in _CLIMB:
            break
        org = parent
    return org


def _name(org: Organisation) -> str:
    """The unit's name with its region (both regions have a Regionstyrelse)."""
    if org.region in ("SRM", "VMA") and org.kind != OrgKind.REGION.value:
        return f"{org.name}, {Region(org.region).label}"
    return org.name


def load_units(session: Session) -> Units:
    """Read every organisation once and work out its nämnd."""
    orgs = {o.id: o for o in session.execute(select(Organisation)).scalars()}
    namnd_of = {org_id: _top(org, orgs).id for org_id, org in orgs.items()}
    names = {top: _name(orgs[top]) for top in set(namnd_of.values())}
    return Units(namnd_of, names)
