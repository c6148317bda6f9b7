"""Administration of the organisation tree: list, create, edit and remove unused units."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import OrgKind
from inkop_desktop.domain.organisation_input import OrganisationEdit
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin.usage import describe, uses
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import FROZEN

MISSING = "Organisationen finns inte längre."


class OrganisationNode(BaseModel):
    """One organisation as listed and opened in the administration."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    name: str
    short_name: str
    kind: OrgKind
    region: str | None
    orgnr: str | None
    parent_id: uuid.UUID | None

    @property
    def display(self) -> str:
        """``Hälso- och sjukvårdsnämnden (Nämnd)``."""
        return f"{self.name} ({self.kind.label})"


class OrganisationAdmin(Service):
    """The organisation tree an administrator maintains."""

    def tree(self) -> list[OrganisationNode]:
        """Every organisation, sorted by region and name (parents are given by id)."""
        with self._session() as s:
            rows = s.scalars(select(Organisation).order_by(Organisation.region, Organisation.name))
            return [_node(r) for r in rows]

    def get(self, org_id: uuid.UUID) -> OrganisationNode:
        """One organisation for editing."""
        with self._session() as s:
            return _node(load_for_edit(s, Organisation, org_id, None, MISSING))

    def create(self, data: dict[str, Any]) -> OrganisationNode:
        """Store a new organisation under its parent."""
        item = parse(OrganisationEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            _check_place(s, item, None)
            row = Organisation(version=1, **_columns(item))
            s.add(row)
            s.flush()
            return _node(row)

    def update(self, org_id: uuid.UUID, version: int, data: dict[str, Any]) -> OrganisationNode:
        """Save changes to the version the user opened; a parent below itself is refused."""
        item = parse(OrganisationEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, Organisation, org_id, version, MISSING)
            _check_place(s, item, org_id)
            for key, value in _columns(item).items():
                setattr(row, key, value)
            s.flush()
            return _node(row)

    def remove(self, org_id: uuid.UUID, version: int) -> None:
        """Delete an organisation nothing uses any more; otherwise say what still uses it."""
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, Organisation, org_id, version, MISSING)
            found = uses(s, "organisation", org_id)
            if found:
                raise ValidationError(
                    f"Organisationen ”{row.name}” används fortfarande och kan inte tas bort: "
                    f"{describe(found)}. Flytta eller ta bort dem först."
                )
            s.delete(row)


def _node(row: Organisation) -> OrganisationNode:
    """The DTO of a row."""
    return OrganisationNode.model_validate(row)


def _columns(item: OrganisationEdit) -> dict[str, Any]:
    """Column values of the validated input."""
    return {
        "name": item.name,
        "short_name": item.short_name,
        "kind": item.kind.value,
        "region": item.region.value if item.region else None,
        "orgnr": item.orgnr,
        "parent_id": item.parent_id,
    }


def _check_place(session: Session, item: OrganisationEdit, own: uuid.UUID | None) -> None:
    """Parent exists, is not the unit or below it, shares the region; the name is unique."""
    region = item.region.value if item.region else None
    clash = select(Organisation.id).where(
        Organisation.name == item.name,
        Organisation.region.is_(None) if region is None else Organisation.region == region,
    )
    if own is not None:
        clash = clash.where(Organisation.id != own)
    if session.execute(clash.limit(1)).first() is not None:
        raise ValidationError(
            f"Det finns redan en organisation som heter ”{item.name}” i samma region.",
            field="name",
        )
    if item.parent_id is None:
        return
    rows = session.execute(select(Organisation.id, Organisation.parent_id))
    parents = {r.id: r.parent_id for r in rows}
    if item.parent_id not in parents:
        raise ValidationError(
            "Den överordnade organisationen finns inte längre.", field="parent_id"
        )
    step: uuid.UUID | None = item.parent_id
    seen: set[uuid.UUID] = set()
    while step is not None and step not in seen:
        if step == own:
            raise ValidationError(
                "En organisation kan inte placeras under sig själv eller under en av sina "
                "underordnade organisationer.",
                field="parent_id",
            )
        seen.add(step)
        step = parents.get(step)
    parent = session.get(Organisation, item.parent_id)
    if parent is not None and parent.region and region and parent.region != region:
        raise ValidationError(
            "Organisationen måste höra till samma region som den överordnade.", field="region"
        )
