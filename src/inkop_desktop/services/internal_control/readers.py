"""Who is responsible for a nämnd's internal control: its own people and its contracts' people."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, Person, PersonRole
from inkop_desktop.services.followup import Units


def responsible(s: Session, units: Units) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Per nämnd: people placed in it or holding a role for it, its avtalsägare and handläggare."""
    found: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)

    def add(org: uuid.UUID | None, person: uuid.UUID | None) -> None:
        top = units.namnd_of.get(org) if org is not None else None
        if top is not None and person is not None:
            found[top].add(person)

    for person, org in s.execute(select(Person.id, Person.organisation_id)):
        add(org, person)
    for person, org in s.execute(select(PersonRole.person_id, PersonRole.organisation_id)):
        add(org, person)
    for org, owner, officer in s.execute(
        select(Contract.owner_org_id, Contract.owner_id, Contract.handlaggare_id)
    ):
        add(org, owner)
        add(org, officer)
    return found
