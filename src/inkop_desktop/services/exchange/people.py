"""Personer in and out of spreadsheets: login as key, organisation by name, roles in one cell."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.documents.exchange.spreadsheet import RawValue
from inkop_desktop.domain.organisation import ROLE_LABELS, Role
from inkop_desktop.domain.organisation_input import PersonInput
from inkop_desktop.services.exchange.cells import CellError, choice, fold, text, yes_no
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, apply, outcome
from inkop_desktop.services.exchange.refs import Organisations, chunks
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
    validate,
)
from inkop_desktop.services.lists import sync_list

EVERYWHERE = "alla organisationer"
_ROLE = choice(ROLE_LABELS)
Grant = tuple[Role, uuid.UUID | None]


@dataclass(frozen=True)
class PersonItem:
    """A checked person row: the id it gets, its input, organisation and roles."""

    id: uuid.UUID
    data: PersonInput
    organisation_id: uuid.UUID | None
    roles: tuple[Grant, ...]
    row: int
    stored: bool = False


def role_items(raw: RawValue) -> tuple[str, ...]:
    """The roles of a cell, split on commas, semicolons and lines outside parentheses."""
    found, part, depth = [], "", 0
    for char in text(raw):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in ",;\n":
            found.append(part)
            part = ""
        else:
            part += char
    found.append(part)
    return tuple(p.strip() for p in found if p.strip())


def role_text(
    role: str, scope: uuid.UUID | None, own: uuid.UUID | None, orgs: Organisations
) -> str:
    """``Budgetansvarig`` in the person's own organisation, else with the scope in parentheses."""
    label = ROLE_LABELS[Role(role)]
    if scope == own:
        return label
    return f"{label} ({orgs.key(scope) if scope else EVERYWHERE})"


class PersonExchange(KindExchange):
    """Everyone who can be named in the app, with their roles."""

    kind = "personer"
    title = "Personer"
    model = PersonInput
    columns = (
        Column("Namn", "name"),
        Column("Inloggning", "login"),
        Column("E-post", "email"),
        Column("Titel", "title"),
        Column("Organisation", "organisation"),
        Column("Externt företag", "external_company"),
        Column("Aktiv", "active", yes_no),
        Column("Roller", "roles", role_items),
    )

    def all_ids(self, session: Session) -> list[uuid.UUID]:
        """Everyone by name and login."""
        return list(session.scalars(select(Person.id).order_by(Person.name, Person.login)))

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """One row per person in the order given."""
        orgs = Organisations(session)
        out: list[ExportRow] = []
        for part in chunks(ids):
            found = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(part)))}
            grants: dict[uuid.UUID, list[tuple[str, uuid.UUID | None]]] = defaultdict(list)
            stmt = select(PersonRole).where(PersonRole.person_id.in_(part))
            for g in session.scalars(stmt):
                grants[g.person_id].append((g.role, g.organisation_id))
            for person_id in part:
                p = found.get(person_id)
                if p is None:
                    continue
                own = p.organisation_id
                roles = sorted(role_text(r, o, own, orgs) for r, o in grants[p.id])
                org = orgs.key(own) if own else None
                texts = (p.email, p.title)
                out.append(
                    (p.name, p.login, *(t or None for t in texts), org, p.external_company,
                     "Ja" if p.active else "Nej", ", ".join(roles) or None)
                )  # fmt: skip
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Valid input, known organisations and roles, logins not used before."""
        orgs = Organisations(session)
        checked: list[tuple[ParsedRow, PersonItem]] = []
        for row in rows:
            organisation = _organisation(row, orgs, problems)
            roles = _roles(row, organisation, orgs, problems)
            values = {k: v for k, v in row.values.items() if k not in ("organisation", "roles")}
            data = validate(PersonInput, row, values, problems)
            if data is not None and roles is not None:
                item = PersonItem(uuid.uuid4(), data, organisation, roles, row.number)
                checked.append((row, item))
        unique_in_file(
            [(r, fold(i.data.login), i.data.login) for r, i in checked],
            "login",
            problems,
            "inloggningen {value} finns redan på rad {row}",
        )
        existing = stored_logins(session, [i.data.login for _, i in checked])
        items = []
        for row, item in checked:
            found = existing.get(fold(item.data.login))
            if found is not None and self.update:
                item = replace(item, id=found, stored=True)
            elif found is not None and "login" not in row.failed:
                problems.field(row, "login", f"personen {item.data.login} finns redan")
            items.append(item)
        return items

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome]:
        """Insert the new people, update the stored ones, then make their roles those given."""
        headers = {c.field: c.header for c in self.columns if c.field}
        headers["organisation_id"] = "Organisation"
        changes: dict[int, list[str]] = {}
        for item in items:
            values = item.data.model_dump() | {"organisation_id": item.organisation_id}
            if item.stored:
                changes[item.row] = apply(session.get(Person, item.id), values, headers)
            else:
                session.add(Person(id=item.id, version=1, **values))
        session.flush()
        for item in items:
            if _set_roles(session, item) and item.stored:
                changes[item.row].append("Roller")
        return [outcome(i.row, not i.stored, changes.get(i.row, ())) for i in items]


def _set_roles(session: Session, item: PersonItem) -> bool:
    """Make the person's roles those of the row; True if anything changed."""
    stored = session.scalars(select(PersonRole).where(PersonRole.person_id == item.id))
    return sync_list(
        session,
        list(stored),
        [(role.value, scope) for role, scope in item.roles],
        lambda g: (g.role, g.organisation_id),
        lambda k: PersonRole(version=1, person_id=item.id, role=k[0], organisation_id=k[1]),
    )


def stored_logins(session: Session, logins: Sequence[str]) -> dict[str, uuid.UUID]:
    """Folded login → id of the people that exist among *logins*."""
    wanted = {fold(x) for x in logins}
    rows = session.execute(select(Person.login, Person.id)).all()
    return {fold(r.login): r.id for r in rows if fold(r.login) in wanted}


def _organisation(row: ParsedRow, orgs: Organisations, problems: Problems) -> uuid.UUID | None:
    """The organisation named in the row, if any."""
    named = row.values.get("organisation")
    if not named:
        return None
    try:
        return orgs.resolve(named)
    except CellError as exc:
        problems.field(row, "organisation", exc.text)
        return None


def _roles(
    row: ParsedRow, own: uuid.UUID | None, orgs: Organisations, problems: Problems
) -> tuple[Grant, ...] | None:
    """``Roll`` (in the person's organisation) or ``Roll (Organisation)``; None on a problem."""
    found: list[Grant] = []
    for value in row.values.get("roles", ()):
        label, _, scope = value.partition("(")
        try:
            role = _ROLE(label.strip())
            if not scope:
                grant: Grant = (role, own)
            elif fold(scope.removesuffix(")")) == EVERYWHERE:
                grant = (role, None)
            else:
                grant = (role, orgs.resolve(scope.removesuffix(")").strip()))
        except CellError as exc:
            problems.field(row, "roles", exc.text)
            return None
        if grant not in found:
            found.append(grant)
    return tuple(found)
