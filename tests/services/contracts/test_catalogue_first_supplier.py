"""The stored first supplier (0020) is what SQL min(name) gives, whatever changes (both engines)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker
from stdnum import luhn

from inkop_desktop.db import search_text
from inkop_desktop.db.tables import Contract, ContractSupplier, Supplier
from inkop_desktop.services.contracts.catalogue import CatalogueQuery, search_statement
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.suppliers.test_suppliers_contracts import _contract

ON = date(2026, 6, 1)
NAMES = [
    "Zeta Städ AB",
    "Åkers Städ AB",
    "ängby städ ab",
    "Östra Städ AB",
    "aaa städ ab",
    "Ab Städ",
]
"""Upper and lower case, åäö: Python's sort and the database's collation may order them apart."""


def _orgnr(i: int) -> str:
    """A valid organisation number (Luhn) per *i*."""
    base = f"55601{i:04d}"
    return base + luhn.calc_check_digit(base)


def _suppliers(services: Services, names: list[str]) -> list[uuid.UUID]:
    """New suppliers named *names*."""
    return [
        services.suppliers.create({"name": n, "orgnr": _orgnr(i), "city": "Nyköping"}).id
        for i, n in enumerate(names)
    ]


def _stored_and_sql(sessions: sessionmaker[Session]) -> list[tuple[Any, Any]]:
    """Per contract: the stored first supplier and SQL's min(name) of its suppliers now."""
    with sessions() as s:
        rows = s.execute(
            select(Contract.first_supplier, search_text.first_supplier_of(Contract.id))
        ).all()
        return [(r[0], r[1]) for r in rows]


def _check(sessions: sessionmaker[Session]) -> None:
    """Every contract's stored first supplier equals SQL's min(name)."""
    pairs = _stored_and_sql(sessions)
    assert pairs and all(stored == computed for stored, computed in pairs), pairs


def _rename(services: Services, supplier_id: uuid.UUID, name: str) -> None:
    """Rename a supplier through the service."""
    supplier = services.suppliers.get(supplier_id)
    data = supplier.model_dump(
        include={"name", "orgnr", "address", "city", "email", "phone", "notes"}
    )
    services.suppliers.update(supplier.id, supplier.version, {**data, "name": name})


def test_the_first_supplier_follows_suppliers_renames_and_contract_changes(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    ids = _suppliers(services, NAMES)
    created = services.contracts.create(_contract(base_rows, supplier_ids=tuple(ids)))
    other = services.contracts.create(
        _contract(base_rows, contract_number="SRM-2026-0002", supplier_ids=(ids[1],))
    )
    _check(sessions)
    with sessions() as s:
        sql_min = s.execute(select(func.min(Supplier.name)).where(Supplier.id.in_(ids)))
        stored = s.execute(select(Contract.first_supplier).where(Contract.id == created.id))
        assert stored.scalar_one() == sql_min.scalar_one()
    for supplier_id in ids:  # each renamed first in turn: the order changes every time
        _rename(services, supplier_id, "0 Först AB" if supplier_id == ids[2] else f"{supplier_id}")
        _check(sessions)
    detail = services.contracts.get(created.id)
    data = {**_contract(base_rows), "supplier_ids": (ids[3], ids[4]), "title": "Golvvård"}
    services.contracts.update(created.id, detail.version, data)
    _check(sessions)
    detail = services.contracts.get(other.id)
    services.contracts.update(other.id, detail.version, {**_contract(base_rows),
        "contract_number": "SRM-2026-0002", "supplier_ids": (ids[0],)})  # fmt: skip
    _check(sessions)
    with sessions.begin() as s:  # no supplier left (as in old data): NULL, like min() of none
        links = select(ContractSupplier).where(ContractSupplier.contract_id == other.id)
        for link in s.execute(links).scalars():
            s.delete(link)
    _check(sessions)
    with sessions() as s:
        stored = s.execute(select(Contract.first_supplier).where(Contract.id == other.id))
        assert stored.scalar_one() is None


def test_the_search_ranks_on_the_stored_name_as_the_reference_does(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    ids = _suppliers(services, NAMES)
    for i in range(len(ids)):  # the same suppliers in different subsets: different firsts
        chosen = tuple(ids[i:]) + tuple(ids[: i % 3])
        services.contracts.create(
            _contract(base_rows, contract_number=f"SRM-2026-{i + 10:04d}", supplier_ids=chosen)
        )
    _check(sessions)
    for text_ in ("städ", "ab", "åkers", "ängby", "zeta", "aaa", "östra städ", "Ab Städ"):
        query = CatalogueQuery(text=text_, on=ON, limit=500)
        with sessions() as s:
            reference = [r.id for r in s.execute(search_statement(query))]
        assert [h.id for h in services.catalogue.search(query)] == reference, text_


def test_a_refresh_of_every_contract_sets_only_what_differs(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    ids = _suppliers(services, NAMES[:3])
    services.contracts.create(_contract(base_rows, supplier_ids=tuple(ids)))
    with sessions.begin() as s:  # as a replica's pull leaves it: the server's (other) order
        s.execute(update(Contract).values(first_supplier="fel"))
    with sessions.begin() as s:
        search_text.first_suppliers(s.connection())
    _check(sessions)
