"""Records with lists, and the saves that change only a list or something else (race tests)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Organisation, Person, Supplier
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

Save = Callable[[Services, "World", Any, int], Any]
"""A save made on top of an opened detail; *n* makes every save different."""


@dataclass(frozen=True)
class World:
    """The base rows, a second supplier and people for rosters."""

    rows: BaseRows
    other_supplier: uuid.UUID
    other_org: uuid.UUID
    people: tuple[uuid.UUID, ...]


def build_world(sessions: sessionmaker[Session], rows: BaseRows, people: int) -> World:
    """A second supplier, a förvaltning and *people* persons who may join rosters."""
    with sessions.begin() as s:
        org = Organisation(
            version=1, name="Hälso- och sjukvården", kind="forvaltning", region="SRM"
        )
        other = Supplier(
            version=1,
            name="Fönsterputs i Mälardalen AB",
            name_key="FÖNSTERPUTS I MÄLARDALEN AB",
            orgnr="556074-7569",
            vat_number="SE556074756901",
        )
        persons = [
            Person(version=1, name=f"Deltagare {n}", login=f"deltagare.{n}") for n in range(people)
        ]
        s.add_all([other, org, *persons])
        s.flush()
        return World(rows, other.id, org.id, tuple(p.id for p in persons))


@dataclass(frozen=True)
class Kind:
    """One list of one record: how to open it, change only the list, or change something else."""

    name: str
    list_table: str
    create: Callable[[Services, World], uuid.UUID]
    get: Callable[[Services, uuid.UUID], Any]
    list_save: Save
    other_save: Save


def _supplier_data(detail: Any, **changes: Any) -> dict[str, Any]:
    """The supplier as opened, with *changes*."""
    data = detail.model_dump(exclude={"id", "version", "vat_number"})
    data["contacts"] = tuple(c.model_dump() for c in detail.contacts)
    return {**data, **changes}


def _contacts(services: Services, _world: World, detail: Any, n: int) -> Any:
    """Only the contact people change."""
    contacts = ({"name": f"Kontakt {n}", "role": "Avtal", "email": f"k{n}@example.se"},)
    data = _supplier_data(detail, contacts=contacts)
    return services.suppliers.update(detail.id, detail.version, data)


def _supplier_notes(services: Services, _world: World, detail: Any, n: int) -> Any:
    """Only a field of the supplier changes."""
    data = _supplier_data(detail, notes=f"Anteckning {n}")
    return services.suppliers.update(detail.id, detail.version, data)


SUPPLIER_CONTACTS = Kind(
    "leverantörens kontaktpersoner",
    "supplier_contact",
    lambda services, world: world.rows.supplier,
    lambda services, i: services.suppliers.get(i),
    _contacts,
    _supplier_notes,
)


def _contract(services: Services, world: World) -> uuid.UUID:
    """A contract with one option."""
    number = f"SRM-2026-{uuid.uuid4().hex[:8]}"
    data = contract_data(world.rows, contract_number=number)
    return services.contracts.create(data, [{"months": 12}]).id


def _update_contract(
    services: Services, detail: Any, options: list[dict[str, Any]] | None, **changes: Any
) -> Any:
    """Save the contract as opened, with *changes* and *options* (None: as stored)."""
    data = {**detail.data.model_dump(), **changes}
    return services.contracts.update(detail.id, detail.version, data, options)


def _toggled(ids: tuple[uuid.UUID, ...], other: uuid.UUID) -> tuple[uuid.UUID, ...]:
    """*ids* with *other* added, or taken away if it is there."""
    return tuple(i for i in ids if i != other) if other in ids else (*ids, other)


def _suppliers(services: Services, world: World, detail: Any, _n: int) -> Any:
    """Only the contract's supplier list changes."""
    ids = _toggled(tuple(detail.data.supplier_ids), world.other_supplier)
    return _update_contract(services, detail, None, supplier_ids=ids)


def _title(services: Services, _world: World, detail: Any, n: int) -> Any:
    """Only the contract's title changes."""
    return _update_contract(services, detail, None, title=f"Städtjänster {n}")


CONTRACT_SUPPLIERS = Kind(
    "avtalets leverantörer",
    "contract_supplier",
    _contract,
    lambda services, i: services.contracts.get(i),
    _suppliers,
    _title,
)


def _options(detail: Any, n: int) -> list[dict[str, Any]]:
    """One to three options, never as many as the contract has now."""
    return [{"months": 6 + (n + k) % 18} for k in range(1 + len(detail.options) % 3)]


CONTRACT_OPTIONS = Kind(
    "avtalets optioner",
    "contract_option",
    _contract,
    lambda services, i: services.contracts.get(i),
    lambda services, _w, d, n: _update_contract(services, d, _options(d, n)),
    _suppliers,
)


def _attach(services: Services, _world: World, detail: Any, n: int) -> Any:
    """Only a file is added."""
    content = f"Bilaga {n}".encode()
    return services.contracts.add_attachment(detail.id, detail.version, f"bilaga-{n}.pdf", content)


def _amend(services: Services, _world: World, detail: Any, n: int) -> Any:
    """Only an amendment is recorded."""
    data = {"amended_on": date(2025, 6, 1), "reason": f"Ändring {n}", "new_value_ore": n * 100}
    return services.contracts.add_amendment(detail.id, detail.version, data)


CONTRACT_FILES = Kind(
    "avtalets bilagor",
    "attachment",
    _contract,
    lambda services, i: services.contracts.get(i),
    _attach,
    _title,
)

CONTRACT_AMENDMENTS = Kind(
    "avtalets ändringar",
    "contract_amendment",
    _contract,
    lambda services, i: services.contracts.get(i),
    _amend,
    _attach,
)


def plan_data(rows: BaseRows, **changes: Any) -> dict[str, Any]:
    """A valid plan item of the base rows' region and handläggare."""
    data: dict[str, Any] = dict(
        title="Städtjänster vårdlokaler",
        year=2025,
        parties=Parties.SORMLAND,
        organisation_ids=(rows.region,),
        cpv_codes=("90910000-9",),
        estimated_total_ore=3_000_000_00,
        procedure=Procedure.OPPET,
        responsible_id=rows.officer,
    )
    data.update(changes)
    return data


def _plan(services: Services, world: World) -> uuid.UUID:
    """A plan item."""
    return services.plan.create(plan_data(world.rows)).id


def _update_plan(services: Services, detail: Any, **changes: Any) -> Any:
    """Save the plan item as opened, with *changes*."""
    data = {**detail.data.model_dump(), **changes}
    return services.plan.update(detail.id, detail.version, data)


def _cpv_codes(detail: Any) -> tuple[str, ...]:
    """The first code and one more that the item does not have now."""
    other = ("90911000-6", "90919200-4", "90919000-2")
    return ("90910000-9", next(c for c in other if c not in detail.data.cpv_codes))


PLAN_CPV = Kind(
    "planpostens CPV-koder",
    "plan_item_cpv",
    _plan,
    lambda services, i: services.plan.get(i),
    lambda services, _w, d, n: _update_plan(services, d, cpv_codes=_cpv_codes(d)),
    # the same codes on both sides: the later one once collided in the unique constraint
    lambda services, _w, d, n: _update_plan(
        services, d, **({"cpv_codes": _cpv_codes(d)} if n % 2 else {"title": f"Städ {n}"})
    ),
)


def _parties(services: Services, world: World, detail: Any, _n: int) -> Any:
    """Only the plan item's nämnder and förvaltningar change."""
    orgs = _toggled(tuple(detail.data.organisation_ids), world.other_org)
    return _update_plan(services, detail, organisation_ids=orgs)


PLAN_PARTIES = Kind(
    "planpostens parter",
    "plan_item_party",
    _plan,
    lambda services, i: services.plan.get(i),
    _parties,
    lambda services, _w, d, n: _update_plan(services, d, title=f"Städ {n}"),
)

KINDS = (
    SUPPLIER_CONTACTS,
    CONTRACT_SUPPLIERS,
    CONTRACT_OPTIONS,
    CONTRACT_FILES,
    CONTRACT_AMENDMENTS,
    PLAN_CPV,
    PLAN_PARTIES,
)
