"""Saving suppliers and contracts: validation, duplicates, concurrency, audit — on both engines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import AuditEntry, Contract, Supplier
from inkop_desktop.domain.errors import ConcurrentEditError, ValidationError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.db.audit_attack import audit_actors
from tests.services.conftest import BaseRows


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _supplier(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Nordic Medtech AB",
        "orgnr": "5560747569",
        "city": "Eskilstuna",
    }
    data.update(changes)
    return data


def test_supplier_is_stored_normalised_with_vat_number(services: Services) -> None:
    saved = services.suppliers.create(_supplier())
    assert saved.orgnr == "556074-7569"
    assert saved.vat_number == "SE556074756901"
    page = services.suppliers.list(ListQuery(text="medtech"))
    assert [r.name for r in page.rows] == ["Nordic Medtech AB"]


def test_wrong_check_digit_is_refused_and_nothing_stored(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(ValidationError, match="fel kontrollsiffra"):
        services.suppliers.create(_supplier(orgnr="556074-7568"))
    assert _count(sessions, Supplier) == 0


def test_duplicate_by_number_or_normalised_name_is_refused(
    services: Services, base_rows: BaseRows
) -> None:
    with pytest.raises(ValidationError, match="finns redan: Städ & Service AB"):
        services.suppliers.create(_supplier(name="STÄD OCH SERVICE AKTIEBOLAG"))
    with pytest.raises(ValidationError, match="finns redan"):
        services.suppliers.create(_supplier(orgnr="556016-0680"))


def test_second_concurrent_save_gets_the_swedish_message_and_first_survives(
    services: Services, base_rows: BaseRows
) -> None:
    first_view = services.suppliers.get(base_rows.supplier)
    second_view = services.suppliers.get(base_rows.supplier)
    data = first_view.model_dump(
        include={"name", "orgnr", "address", "city", "email", "phone", "notes"}
    )
    services.suppliers.update(first_view.id, first_view.version, {**data, "city": "Västerås"})
    with pytest.raises(ConcurrentEditError) as caught:
        services.suppliers.update(second_view.id, second_view.version, {**data, "city": "Nyköping"})
    assert caught.value.text.startswith("Posten har ändrats av någon annan sedan du öppnade den")
    assert services.suppliers.get(base_rows.supplier).city == "Västerås"


def _contract(rows: BaseRows, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(
        contract_number="SRM-2026-0001",
        title="Städtjänster Nyköping",
        parties=Parties.SORMLAND,
        procedure=Procedure.OPPET,
        cpv="90910000-9",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        total_value_ore=2_000_000_00,
        owner_id=rows.owner,
        handlaggare_id=rows.officer,
        supplier_ids=(rows.supplier,),
    )
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"total_value_ore": -100}, "får inte vara negativt"),
        ({"end_date": date(2025, 1, 1)}, "är före startdatum"),
        ({"owner_id": None}, "Avtalsägare"),
    ],
)
def test_bad_contract_is_refused_and_nothing_stored(
    services: Services,
    base_rows: BaseRows,
    sessions: sessionmaker[Session],
    changes: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.contracts.create(_contract(base_rows, **changes))
    assert _count(sessions, Contract) == 0


def test_contract_round_trip_and_concurrent_edit(services: Services, base_rows: BaseRows) -> None:
    created = services.contracts.create(_contract(base_rows))
    row = services.contracts.list(ListQuery(text="städ")).rows[0]
    assert (row.supplier, row.owner, row.handlaggare) == (
        "Städ & Service AB",
        "Åsa Öberg",
        "Karin Öberg",
    )
    data = created.data.model_dump()
    services.contracts.update(created.id, created.version, {**data, "title": "Städ A"})
    with pytest.raises(ConcurrentEditError):
        services.contracts.update(created.id, created.version, {**data, "title": "Städ B"})
    assert services.contracts.get(created.id).data.title == "Städ A"


def test_every_change_leaves_a_hash_chained_audit_entry(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    services.suppliers.create(_supplier())
    with sessions() as s:
        entries = (
            s.execute(
                select(AuditEntry)
                .where(AuditEntry.table_name == "supplier")
                .order_by(AuditEntry.id)
            )
            .scalars()
            .all()
        )
    (actor,) = audit_actors(sessions, "karin.oberg")
    assert [(e.action, e.table_name, e.actor) for e in entries] == [("insert", "supplier", actor)]
    assert len(entries[0].hash) == 64 and entries[0].prev_hash != entries[0].hash


def test_contacts_are_kept_and_every_involvement_listed(
    services: Services, base_rows: BaseRows
) -> None:
    opened = services.suppliers.get(base_rows.supplier)
    data = opened.model_dump(
        include={"name", "orgnr", "address", "city", "email", "phone", "notes"}
    )
    contact = {
        "name": "Åke Ström",
        "role": "Kundansvarig",
        "email": "ake@stad.se",
        "phone": "016-12 34 56",
    }
    saved = services.suppliers.update(opened.id, opened.version, {**data, "contacts": (contact,)})
    assert [c.name for c in saved.contacts] == ["Åke Ström"]
    with pytest.raises(ValidationError, match="rad 1, Kontaktperson: måste fyllas i"):
        services.suppliers.update(
            saved.id, saved.version, {**data, "contacts": ({**contact, "name": ""},)}
        )
    services.contracts.create(_contract(base_rows))
    links = services.suppliers.involvement(base_rows.supplier)
    assert [(i.kind, i.reference) for i in links] == [("Avtal", "SRM-2026-0001")]
