"""The nämnd an organisation belongs to (a förvaltning climbs to the nämnd above it)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.organisation import OrgKind, Region

_CLIMB = (OrgKind.NAMND.value, OrgKind.FORVALTNING.value)


def namnd_of(session: Session) -> tuple[dict[uuid.UUID, uuid.UUID], dict[uuid.UUID, str]]:
    """Each organisation's nämnd (or itself) and the display name of each."""
    orgs = {o.id: o for o in session.execute(select(Organisation)).scalars()}
    tops: dict[uuid.UUID, uuid.UUID] = {}
    for org in orgs.values():
        top = org
        for _ in range(len(orgs)):
            parent = orgs.get(top.parent_id) if top.parent_id else None
            if top.kind == OrgKind.NAMND.value or parent is None or parent.kind not in _CLIMB:
                break
            top = parent
        tops[org.id] = top.id
    return tops, {i: _name(o) for i, o in orgs.items()}


def _name(org: Organisation) -> str:
    """The unit's name with its region (both regions have a Regionstyrelse)."""
    if org.region in ("SRM", "VMA") and org.kind != OrgKind.REGION.value:
        return f"{org.name}, {Region(org.region).label}"
    return org.name
