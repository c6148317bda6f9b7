"""Administration of the delegationsordning: list, create, edit and remove unused rules."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DelegationRule, Organisation, Person
from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.organisation_input import DelegationEdit
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin.usage import describe, uses
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import FROZEN

MISSING = "Delegationsregeln finns inte längre."


class DelegationRow(BaseModel):
    """A rule as listed and opened in the administration."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    organisation_id: uuid.UUID
    organisation: str
    region: str | None
    role: Role | None
    person_id: uuid.UUID | None
    person: str | None
    decision_kind: DecisionKind
    max_amount_ore: int
    valid_from: date
    valid_to: date | None
    reference: str
    note: str
    report_to_namnd: bool = True

    @property
    def holder(self) -> str:
        """The role's label or the named person."""
        return self.role.label if self.role else (self.person or "")


class DelegationAdmin(Service):
    """The dated delegation rules of every unit, as an administrator maintains them."""

    def list(self) -> list[DelegationRow]:
        """Every rule by region, organisation, kind, start and reference."""
        stmt = (
            select(DelegationRule, Organisation, Person.name)
            .join(Organisation, Organisation.id == DelegationRule.organisation_id)
            .outerjoin(Person, Person.id == DelegationRule.person_id)
            .order_by(Organisation.region, Organisation.name, DelegationRule.decision_kind,
                      DelegationRule.valid_from, DelegationRule.reference, DelegationRule.id)
        )  # fmt: skip
        with self._session() as s:
            return [_row(r, org, person) for r, org, person in s.execute(stmt)]

    def get(self, rule_id: uuid.UUID) -> DelegationRow:
        """One rule for editing."""
        with self._session() as s:
            return _load(s, load_for_edit(s, DelegationRule, rule_id, None, MISSING))

    def create(self, data: dict[str, Any]) -> DelegationRow:
        """Store a new rule."""
        item = parse(DelegationEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            _check(s, item, None)
            row = DelegationRule(version=1, **_columns(item))
            s.add(row)
            s.flush()
            return _load(s, row)

    def update(self, rule_id: uuid.UUID, version: int, data: dict[str, Any]) -> DelegationRow:
        """Save changes to the version the user opened."""
        item = parse(DelegationEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, DelegationRule, rule_id, version, MISSING)
            _check(s, item, rule_id)
            for key, value in _columns(item).items():
                setattr(row, key, value)
            s.flush()
            return _load(s, row)

    def remove(self, rule_id: uuid.UUID, version: int) -> None:
        """Delete a rule no decision rests on; a used rule is ended with Giltig till instead."""
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, DelegationRule, rule_id, version, MISSING)
            found = uses(s, "delegation_rule", rule_id)
            if found:
                raise ValidationError(
                    f"Regeln ”{row.reference}” har använts ({describe(found)}) och kan inte tas "
                    "bort. Avsluta den i stället genom att fylla i Giltig till."
                )
            s.delete(row)


def _columns(item: DelegationEdit) -> dict[str, Any]:
    """Rule columns of the validated input."""
    values = item.model_dump()
    values["role"] = item.role.value if item.role else None
    values["decision_kind"] = item.decision_kind.value
    return values


def _check(session: Session, item: DelegationEdit, own: uuid.UUID | None) -> None:
    """Organisation and person exist; one rule per unit, holder, kind and first day."""
    if session.get(Organisation, item.organisation_id) is None:
        raise ValidationError("Organisationen finns inte längre.", field="organisation_id")
    if item.person_id is not None and session.get(Person, item.person_id) is None:
        raise ValidationError("Personen finns inte längre.", field="person_id")
    role = item.role.value if item.role else None
    stmt = select(DelegationRule.reference).where(
        DelegationRule.organisation_id == item.organisation_id,
        DelegationRule.role.is_(None) if role is None else DelegationRule.role == role,
        DelegationRule.person_id.is_(None)
        if item.person_id is None
        else DelegationRule.person_id == item.person_id,
        DelegationRule.decision_kind == item.decision_kind.value,
        DelegationRule.valid_from == item.valid_from,
    )
    if own is not None:
        stmt = stmt.where(DelegationRule.id != own)
    clash = session.execute(stmt.limit(1)).scalar_one_or_none()
    if clash is not None:
        raise ValidationError(
            f"Samma regel (organisation, innehavare, beslutstyp, giltig från) finns redan: "
            f"{clash}.",
            field="valid_from",
        )


def _load(session: Session, row: DelegationRule) -> DelegationRow:
    """The DTO of a row with the names it shows."""
    org = session.get(Organisation, row.organisation_id)
    person = session.get(Person, row.person_id) if row.person_id else None
    return _row(row, org, person.name if person else None)


def _row(row: DelegationRule, org: Organisation | None, person: str | None) -> DelegationRow:
    """The DTO of a rule."""
    return DelegationRow(
        id=row.id, version=row.version, organisation_id=row.organisation_id,
        organisation=org.name if org else "", region=org.region if org else None,
        role=Role(row.role) if row.role else None,
        person_id=row.person_id, person=person, decision_kind=DecisionKind(row.decision_kind),
        max_amount_ore=row.max_amount_ore, valid_from=row.valid_from, valid_to=row.valid_to,
        reference=row.reference, note=row.note or "", report_to_namnd=row.report_to_namnd,
    )  # fmt: skip
