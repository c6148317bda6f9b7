"""Delegationsregler in and out of spreadsheets: organisation by name, a role or a person."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DelegationRule, Organisation
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import ROLE_LABELS, Role
from inkop_desktop.domain.organisation_input import DelegationInput
from inkop_desktop.services.exchange.cells import CellError, choice, day, kronor
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, apply, outcome
from inkop_desktop.services.exchange.refs import Organisations, People
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
    validate,
)

RuleKey = tuple[uuid.UUID, str | None, uuid.UUID | None, Any]


@dataclass(frozen=True)
class RuleItem:
    """A checked rule: its input, organisation and named person."""

    data: DelegationInput
    organisation_id: uuid.UUID
    person_id: uuid.UUID | None
    row: int
    stored: uuid.UUID | None = None

    @property
    def key(self) -> RuleKey:
        """Organisation, role, person and first day: one rule per holder and period start."""
        role = self.data.role.value if self.data.role else None
        return self.organisation_id, role, self.person_id, self.data.valid_from


class DelegationExchange(KindExchange):
    """The delegationsordningar of every unit as a sheet."""

    kind = "delegation"
    title = "Delegation"
    model = DelegationInput
    columns = (
        Column("Organisation", "organisation"),
        Column("Roll", "role", choice(ROLE_LABELS)),
        Column("Person", "person"),
        Column("Högsta belopp (kr)", "max_amount_ore", kronor),
        Column("Giltig från", "valid_from", day),
        Column("Giltig till", "valid_to", day),
        Column("Referens", "reference"),
        Column("Anteckning", "note"),
    )

    def all_ids(self, session: Session) -> list[uuid.UUID]:
        """Every rule by organisation, start and reference."""
        stmt = (
            select(DelegationRule.id)
            .join(Organisation, Organisation.id == DelegationRule.organisation_id)
            .order_by(Organisation.region, Organisation.name, DelegationRule.valid_from,
                      DelegationRule.reference, DelegationRule.id)
        )  # fmt: skip
        return list(session.scalars(stmt))

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """One row per rule in the order given."""
        orgs, people = Organisations(session), People(session)
        found = {r.id: r for r in session.scalars(select(DelegationRule))}
        out: list[ExportRow] = []
        for rule_id in ids:
            r = found.get(rule_id)
            if r is None:
                continue
            role = ROLE_LABELS[Role(r.role)] if r.role else None
            amount = Money(r.max_amount_ore)
            out.append((orgs.key(r.organisation_id), role, people.key(r.person_id), amount,
                        r.valid_from, r.valid_to, r.reference, r.note or None))  # fmt: skip
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Known organisation and person, a role or a person (not both), no rule twice."""
        orgs, people = Organisations(session), People(session)
        checked: list[tuple[ParsedRow, RuleItem]] = []
        for row in rows:
            org = _resolve(row, "organisation", orgs.resolve, problems)
            person = _resolve(row, "person", people.resolve, problems)
            values = {k: v for k, v in row.values.items() if k not in ("organisation", "person")}
            if ("role" in values) == (person is not None) and not row.failed & {"role", "person"}:
                problems.field(row, "role", "ange antingen en roll eller en person (inte båda)")
            data = validate(DelegationInput, row, values, problems)
            if data is None or org is None:
                if "organisation" not in row.values and "organisation" not in row.failed:
                    problems.field(row, "organisation", "måste fyllas i")
                continue
            if not row.failed:
                checked.append((row, RuleItem(data, org, person, row.number)))
        unique_in_file(
            [(r, i.key, i.data.reference) for r, i in checked],
            "reference",
            problems,
            "samma regel (organisation, innehavare, giltig från) finns redan på rad {row}",
        )
        stored = stored_rules(session)
        items = []
        for row, item in checked:
            found = stored.get(item.key)
            if found is not None and self.update:
                item = replace(item, stored=found)
            elif found is not None and "reference" not in row.failed:
                problems.field(row, "reference", "regeln finns redan i delegationsordningen")
            items.append(item)
        return items

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome]:
        """Insert the new rules and update the stored ones."""
        headers = {c.field: c.header for c in self.columns if c.field}
        outcomes = []
        for item in items:
            values = item.data.model_dump()
            values["role"] = item.data.role.value if item.data.role else None
            changed: list[str] = []
            if item.stored is not None:
                changed = apply(session.get(DelegationRule, item.stored), values, headers)
            else:
                session.add(
                    DelegationRule(version=1, organisation_id=item.organisation_id,
                                   person_id=item.person_id, **values)
                )  # fmt: skip
            outcomes.append(outcome(item.row, item.stored is None, changed))
        return outcomes


def stored_rules(session: Session) -> dict[RuleKey, uuid.UUID]:
    """Every stored rule by its natural key."""
    rows = session.execute(
        select(DelegationRule.id, DelegationRule.organisation_id, DelegationRule.role,
               DelegationRule.person_id, DelegationRule.valid_from)
    ).all()  # fmt: skip
    return {(r.organisation_id, r.role, r.person_id, r.valid_from): r.id for r in rows}


def _resolve(row: ParsedRow, name: str, resolve: Any, problems: Problems) -> uuid.UUID | None:
    """The id a reference cell names, or None (blank, or a problem)."""
    value = row.values.get(name)
    if not value:
        return None
    try:
        found: uuid.UUID = resolve(value)
        return found
    except CellError as exc:
        problems.field(row, name, exc.text)
        return None
