"""References in sheets by human keys: people by login or name, organisations, orgnr, numbers."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, Organisation, Person, Supplier
from inkop_desktop.domain.organisation import REGION_NAMES, Region
from inkop_desktop.services.exchange.cells import CellError, fold

T = TypeVar("T")

CHUNK = 500
_QUALIFIED = re.compile(r"^(?P<name>.*?)\s*\((?P<inner>[^()]*)\)$")


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """*values* in slices small enough for an IN list."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


class People:
    """Everyone in the database: ``Name (login)`` out, login or unique name in."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(Person.id, Person.name, Person.login, Person.organisation_id)
        ).all()
        self._rows = {r.id: r for r in rows}
        self._by_login: dict[str, uuid.UUID] = {fold(r.login): r.id for r in rows}
        self._by_name: dict[str, list[uuid.UUID]] = defaultdict(list)
        for r in rows:
            self._by_name[fold(r.name)].append(r.id)
        self._resolved: dict[str, uuid.UUID] = {}
        """Texts already resolved (a sheet names the same few people on every row)."""

    def key(self, person_id: uuid.UUID | None) -> str | None:
        """``Karin Öberg (karin.oberg)``; None for no person."""
        row = self._rows.get(person_id) if person_id else None
        return f"{row.name} ({row.login})" if row else None

    def organisation_of(self, person_id: uuid.UUID) -> uuid.UUID | None:
        """The organisation the person belongs to."""
        row = self._rows.get(person_id)
        return row.organisation_id if row else None

    def find_login(self, login: str) -> uuid.UUID | None:
        """The person with *login*, if any."""
        return self._by_login.get(fold(login)) if login else None

    def resolve(self, value: str) -> uuid.UUID:
        """``Name (login)``, a login or a name that only one person has."""
        found = self._resolved.get(value)
        if found is None:
            found = self._resolved[value] = self._look_up(value)
        return found

    def _look_up(self, value: str) -> uuid.UUID:
        """``resolve`` without the memory of earlier texts."""
        match = _QUALIFIED.match(value)
        if match and fold(match["inner"]) in self._by_login:
            return self._by_login[fold(match["inner"])]
        if fold(value) in self._by_login:
            return self._by_login[fold(value)]
        found = self._by_name.get(fold(value), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(f"flera personer heter ”{value}”; skriv namn och inloggning")
        raise CellError(f"det finns ingen person med namnet eller inloggningen ”{value}”")


_REGION_WORDS = {fold(r.value): r for r in Region} | {fold(n): r for r, n in REGION_NAMES.items()}


class OrgRow(NamedTuple):
    """What a reference to an organisation is made of."""

    id: uuid.UUID
    name: str
    region: str | None


class Organisations:
    """Every organisation: its name out (with the region when the name is shared), name in."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Organisation.id, Organisation.name, Organisation.region))
        self._rows: dict[uuid.UUID, Any] = {r.id: r for r in rows}
        self._by_name: dict[str, list[Any]] = defaultdict(list)
        for r in self._rows.values():
            self._by_name[fold(r.name)].append(r)
        self._resolved: dict[str, uuid.UUID] = {}
        """Texts already resolved (a sheet names the same few nämnder on every row)."""

    def add(self, row: OrgRow) -> None:
        """Make an organisation of the file being imported resolvable too."""
        self._rows[row.id] = row
        self._by_name[fold(row.name)].append(row)
        self._resolved.clear()  # a name may have become ambiguous

    def find(self, name: str, region: str | None) -> uuid.UUID | None:
        """The stored organisation with exactly this name and region, if any."""
        found = [r for r in self._by_name.get(fold(name), []) if r.region == region]
        return uuid.UUID(str(found[0].id)) if found else None

    def key(self, organisation_id: uuid.UUID) -> str:
        """``Regionstyrelsen (Region Sörmland)`` when the name alone is ambiguous."""
        row = self._rows[organisation_id]
        shared = len(self._by_name[fold(row.name)]) > 1
        if shared and row.region in REGION_NAMES:
            return f"{row.name} ({REGION_NAMES[Region(row.region)]})"
        return str(row.name)

    def resolve(self, value: str) -> uuid.UUID:
        """A name, qualified with its region (``(Region Sörmland)`` or ``(SRM)``) if needed."""
        found = self._resolved.get(value)
        if found is None:
            found = self._resolved[value] = self._look_up(value)
        return found

    def _look_up(self, value: str) -> uuid.UUID:
        """``resolve`` without the memory of earlier texts."""
        name, region = value, None
        match = _QUALIFIED.match(value)
        if match and fold(match["inner"]) in _REGION_WORDS:
            name, region = match["name"], _REGION_WORDS[fold(match["inner"])]
        found = [
            r
            for r in self._by_name.get(fold(name), [])
            if region is None or r.region == region.value
        ]
        if len(found) == 1:
            return uuid.UUID(str(found[0].id))
        if found:
            raise CellError(
                f"flera organisationer heter ”{name}”; lägg till regionen, "
                f"t.ex. ”{name} (Region Sörmland)”"
            )
        raise CellError(f"det finns ingen organisation som heter ”{value}”")


def suppliers_by_orgnr(session: Session, orgnrs: Iterable[str]) -> dict[str, uuid.UUID]:
    """Supplier ids for the given (normalised) organisationsnummer that exist."""
    wanted = sorted(set(orgnrs))
    found: dict[str, uuid.UUID] = {}
    for part in chunks(wanted):
        stmt = select(Supplier.orgnr, Supplier.id).where(Supplier.orgnr.in_(part))
        found.update({r.orgnr: r.id for r in session.execute(stmt)})
    return found


def contracts_by_number(session: Session, numbers: Iterable[str]) -> dict[str, Any]:
    """(id, is_framework) rows of the contracts with the given numbers that exist."""
    wanted = sorted(set(numbers))
    found: dict[str, Any] = {}
    for part in chunks(wanted):
        stmt = select(Contract.contract_number, Contract.id, Contract.is_framework).where(
            Contract.contract_number.in_(part)
        )
        found.update({r.contract_number: r for r in session.execute(stmt)})
    return found


def contract_numbers(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Contract numbers by id."""
    wanted = sorted({i for i in ids if i is not None})
    found: dict[uuid.UUID, str] = {}
    for part in chunks(wanted):
        stmt = select(Contract.id, Contract.contract_number).where(Contract.id.in_(part))
        found.update({r.id: r.contract_number for r in session.execute(stmt)})
    return found
