"""Vem får besluta? The people whose delegation covers an amount for a unit on a day."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DelegationRule, Organisation, Person, PersonRole
from inkop_desktop.domain.direct_award.delegation import (
    DecisionKind,
    DecisionMaker,
    DelegationRuleRef,
    who_may_decide,
)
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.input_types import amount_problem, checked_day
from inkop_desktop.domain.money import Money
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN


class Entitled(BaseModel):
    """A person who may decide, and the rule of the delegationsordning that lets them."""

    model_config = FROZEN
    person_id: uuid.UUID
    name: str
    login: str
    organisation: str | None
    rule: DelegationRuleRef

    @property
    def line(self) -> str:
        """``Anna Berg (Regionservice): Delegationsordning RS punkt 4.2 (…)``."""
        where = f" ({self.organisation})" if self.organisation else ""
        return f"{self.name}{where}: {self.rule.describe()}"


class DecisionRights(Service):
    """Answers "who may decide X kr for unit N on day D?" from the stored delegationsordning."""

    def who_may_decide(
        self,
        amount_ore: int,
        organisation_id: uuid.UUID,
        day: date,
        kind: DecisionKind = DecisionKind.DIREKTUPPHANDLING,
    ) -> list[Entitled]:
        """Everyone whose rule covers the amount, sorted by name, each with the smallest rule."""
        checked_day(day, "Datum")
        if isinstance(amount_ore, bool) or not isinstance(amount_ore, int) or amount_ore < 0:
            raise ValidationError("Beloppet måste vara ett belopp i kronor, inte negativt.")
        if (problem := amount_problem(amount_ore)) is not None:
            raise ValidationError(problem)
        kind = DecisionKind(kind)
        with self._session() as s:
            chain = _chain(s, organisation_id)
            rules = [r for r in _rules(s, chain) if r.decision_kind == kind.value]
            makers, people = _makers(s, rules, day)
            found = who_may_decide(rules, makers, chain, day, Money(amount_ore), kind)
            return [
                Entitled(person_id=m.id, name=m.name, login=people[m.id][0],
                         organisation=people[m.id][1], rule=rule)
                for m, rule in found
            ]  # fmt: skip

    def organisation_named(self, name: str, region: str | None = None) -> uuid.UUID:
        """The organisation called *name* (or with that short name), in any letter case.

        *region* (``SRM``/``VMA``) tells apart units with the same name in both regions.
        """
        wanted = name.strip().casefold()
        stmt = select(Organisation.id, Organisation.name, Organisation.short_name,
                      Organisation.region)  # fmt: skip
        with self._session() as s:  # folded in Python: SQLite's lower() folds only ASCII
            rows = [
                r
                for r in s.execute(stmt)
                if wanted in _names(r.name, r.short_name) and region in (None, r.region)
            ]
        if not rows:
            raise NotFoundError(f"Det finns ingen organisation som heter ”{name.strip()}”.")
        if len(rows) > 1:
            regions = ", ".join(sorted(f"{r.name} ({r.region or 'gemensam'})" for r in rows))
            raise ValidationError(
                f"Flera organisationer heter ”{name.strip()}”: {regions}. Ange regionen också."
            )
        found: uuid.UUID = rows[0].id
        return found


def _names(name: str, short: str) -> tuple[str, str]:
    """The name and the short name, folded for comparison."""
    return name.casefold(), short.casefold()


def _chain(session: Session, org_id: uuid.UUID) -> list[uuid.UUID]:
    """The unit and every unit above it (a nämnd's delegation covers its förvaltningar)."""
    rows = session.execute(select(Organisation.id, Organisation.parent_id))
    parents = {r.id: r.parent_id for r in rows}
    if org_id not in parents:
        raise NotFoundError("Organisationen finns inte.")
    chain: list[uuid.UUID] = []
    step: uuid.UUID | None = org_id
    while step is not None and step not in chain:
        chain.append(step)
        step = parents.get(step)
    return chain


def _rules(session: Session, chain: list[uuid.UUID]) -> list[DelegationRuleRef]:
    """The delegation rules of the units in *chain*."""
    stmt = (
        select(DelegationRule, Organisation.name)
        .join(Organisation, Organisation.id == DelegationRule.organisation_id)
        .where(DelegationRule.organisation_id.in_(chain))
    )
    return [
        DelegationRuleRef(
            id=r.id, organisation_id=r.organisation_id, organisation=name, role=r.role,
            person_id=r.person_id, max_amount_ore=r.max_amount_ore, valid_from=r.valid_from,
            valid_to=r.valid_to, reference=r.reference, decision_kind=r.decision_kind,
        )
        for r, name in session.execute(stmt)
    ]  # fmt: skip


def _makers(
    session: Session, rules: list[DelegationRuleRef], day: date
) -> tuple[list[DecisionMaker], dict[uuid.UUID, tuple[str, str | None]]]:
    """The active people a rule names or whose role (valid on *day*) a rule names."""
    named = {r.person_id for r in rules if r.person_id is not None}
    roles = {r.role for r in rules if r.role is not None}
    held = session.execute(
        select(PersonRole.person_id, PersonRole.role, PersonRole.organisation_id).where(
            PersonRole.role.in_(roles),
            or_(PersonRole.valid_from.is_(None), PersonRole.valid_from <= day),
            or_(PersonRole.valid_to.is_(None), PersonRole.valid_to >= day),
        )
    ).all()
    grants: dict[uuid.UUID, list[tuple[str, uuid.UUID | None]]] = {}
    for person_id, role, org in held:
        grants.setdefault(person_id, []).append((role, org))
    stmt = (
        select(Person.id, Person.name, Person.login, Organisation.name.label("organisation"))
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.active.is_(True), Person.id.in_(named | set(grants)))
    )
    makers, people = [], {}
    for p in session.execute(stmt):
        makers.append(DecisionMaker(id=p.id, name=p.name, roles=tuple(grants.get(p.id, ()))))
        people[p.id] = (p.login, p.organisation)
    return makers, people
