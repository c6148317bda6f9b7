"""Nämnd/ansvar as written in a reskontra → organisation, its nämnd and its region."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.organisation import OrgKind
from inkop_desktop.services.exchange import fold


@dataclass(frozen=True)
class Unit:
    """Where a row's spend belongs: the organisation named, the nämnd it counts to, the region."""

    organisation_id: uuid.UUID
    namnd_id: uuid.UUID
    region: str | None


@dataclass(frozen=True)
class _Org:
    id: uuid.UUID
    name: str
    short_name: str
    kind: str
    region: str | None
    parent_id: uuid.UUID | None


class UnitResolver:
    """Maps a unit by name or code (``NHS``, ``SRM-NHS``, ``SRM NHS``); ambiguous ones don't map."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name,
                   Organisation.kind, Organisation.region, Organisation.parent_id)
        ).all()  # fmt: skip
        self._orgs = {r.id: _Org(*r) for r in rows}
        candidates: dict[str, set[uuid.UUID]] = defaultdict(set)
        for org in self._orgs.values():
            for key in self._keys(org):
                candidates[key].add(org.id)
        self._by_key = {k: next(iter(ids)) for k, ids in candidates.items() if len(ids) == 1}
        self._cache: dict[str, Unit | None] = {}
        self._names: dict[uuid.UUID, str] = {}

    def _keys(self, org: _Org) -> set[str]:
        """Every way a reskontra may write the organisation."""
        region = self._region(org)
        keys = {fold(org.name)}
        if org.short_name:
            keys.add(fold(org.short_name))
            if region:
                keys |= {fold(f"{region}{sep}{org.short_name}") for sep in ("-", " ", "/")}
        if region:
            keys.add(fold(f"{region} {org.name}"))
        return {k for k in keys if k}

    def _region(self, org: _Org) -> str | None:
        """The organisation's region, or its nearest ancestor's."""
        seen: set[uuid.UUID] = set()
        current: _Org | None = org
        while current is not None and current.id not in seen:
            if current.region:
                return current.region
            seen.add(current.id)
            current = self._orgs.get(current.parent_id) if current.parent_id else None
        return None

    def _namnd(self, org: _Org) -> uuid.UUID:
        """The nämnd the organisation counts to (a förvaltning to its nämnd), else itself."""
        current: _Org | None = org
        seen: set[uuid.UUID] = set()
        while current is not None and current.id not in seen:
            if current.kind == OrgKind.NAMND:
                return current.id
            seen.add(current.id)
            current = self._orgs.get(current.parent_id) if current.parent_id else None
        return org.id

    def resolve(self, written: str) -> Unit | None:
        """The unit a row names, or None when no single organisation matches."""
        key = fold(written)
        if key not in self._cache:
            found = self._by_key.get(key)
            org = self._orgs[found] if found else None
            self._cache[key] = Unit(org.id, self._namnd(org), self._region(org)) if org else None
        return self._cache[key]

    def name(self, org_id: uuid.UUID) -> str:
        """The organisation's name (with its region when the name occurs in both)."""
        if not self._names:
            count = Counter(o.name for o in self._orgs.values())
            for org in self._orgs.values():
                region = self._region(org)
                twin = count[org.name] > 1 and region
                self._names[org.id] = f"{org.name} ({region})" if twin else org.name
        return self._names[org_id]
