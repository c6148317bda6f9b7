"""Child rows move their parent's version through the ORM hook, on both engines."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from inkop_desktop.db import audit
from inkop_desktop.db.aggregates import PARENTS, ROOTS
from inkop_desktop.db.tables import (
    Attachment,
    AuditEntry,
    Base,
    Contract,
    Supplier,
    SupplierContact,
)


@pytest.fixture
def audited(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """The session factory with the audit hook, acting as "karin.oberg"."""
    audit.install(sessions)
    return sessions


def _supplier(factory: sessionmaker[Session]) -> uuid.UUID:
    """A stored supplier without contacts."""
    with factory.begin() as s:
        s.info["actor"] = "karin.oberg"
        row = Supplier(
            version=1,
            name="Städ & Service AB",
            name_key="STÄD OCH SERVICE AB",
            orgnr="556016-0680",
            vat_number="SE556016068001",
        )
        s.add(row)
        s.flush()
        return row.id


def _version(factory: sessionmaker[Session], cls: type, row_id: uuid.UUID) -> int:
    """The stored version of a row."""
    with factory() as s:
        return int(s.execute(select(cls.version).where(cls.id == row_id)).scalar_one())  # type: ignore[attr-defined]


def _audit(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """(action, table, summary) of every audit entry, oldest first."""
    with factory() as s:
        stmt = select(AuditEntry.action, AuditEntry.table_name, AuditEntry.summary)
        return [tuple(r) for r in s.execute(stmt.order_by(AuditEntry.id))]  # type: ignore[misc]


def test_every_table_is_an_aggregate_or_belongs_to_one() -> None:
    mapped = {m.class_ for m in Base.registry.mappers} - {AuditEntry}
    assert not ROOTS & set(PARENTS)
    assert mapped == ROOTS | set(PARENTS)
    for links in PARENTS.values():
        for link in links:
            assert ({link.parent} | set(link.kinds.values())) - {None} <= mapped


def test_adding_changing_and_removing_a_child_moves_the_parent_and_is_audited(
    audited: sessionmaker[Session],
) -> None:
    supplier_id = _supplier(audited)
    with audited.begin() as s:
        s.add(SupplierContact(version=1, supplier_id=supplier_id, name="Anna Berg"))
    assert _version(audited, Supplier, supplier_id) == 2
    with audited.begin() as s:
        contact = s.execute(select(SupplierContact)).scalar_one()
        contact.phone = "070-123 45 67"
    assert _version(audited, Supplier, supplier_id) == 3
    with audited.begin() as s:
        s.delete(s.execute(select(SupplierContact)).scalar_one())
    assert _version(audited, Supplier, supplier_id) == 4
    assert sorted(_audit(audited)[1:]) == [
        ("delete", "supplier_contact", "Anna Berg"),
        ("insert", "supplier_contact", "Anna Berg"),
        ("update", "supplier", "supplier_contact"),
        ("update", "supplier", "supplier_contact"),
        ("update", "supplier", "supplier_contact"),
        ("update", "supplier_contact", "phone"),
    ]


def test_a_session_that_read_the_old_version_cannot_save_after_a_child_changed(
    audited: sessionmaker[Session],
) -> None:
    supplier_id = _supplier(audited)
    stale = audited()
    try:
        stale.begin()
        row = stale.get(Supplier, supplier_id)
        assert row is not None
        with audited.begin() as s:
            s.add(SupplierContact(version=1, supplier_id=supplier_id, name="Anna Berg"))
        row.notes = "Ändrad av den som öppnade först"
        with pytest.raises(StaleDataError):
            stale.commit()
    finally:
        stale.close()


def test_several_flushes_of_one_transaction_move_the_version_once(
    audited: sessionmaker[Session],
) -> None:
    supplier_id = _supplier(audited)
    with audited.begin() as s:
        supplier = s.get(Supplier, supplier_id)
        assert supplier is not None
        supplier.city = "Nyköping"
        for name in ("Anna Berg", "Bo Ek", "Cecilia Ström"):
            s.add(SupplierContact(version=1, supplier_id=supplier_id, name=name))
            s.flush()
    assert _version(audited, Supplier, supplier_id) == 2


def _contract(s: Session, number: str) -> Contract:
    """A minimal stored contract."""
    row = Contract(
        version=1,
        contract_number=number,
        title="Städtjänster",
        title_key="STADTJANSTER",
        parties="SRM",
        procedure="oppet",
        start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
        total_value_ore=100,
    )
    s.add(row)
    return row


def test_an_attachment_moved_to_another_contract_moves_both(
    audited: sessionmaker[Session],
) -> None:
    with audited.begin() as s:
        first, second = _contract(s, "SRM-1"), _contract(s, "SRM-2")
        s.flush()
        s.add(
            Attachment(
                version=1,
                owner_table="contract",
                owner_id=first.id,
                filename="avtal.pdf",
                media_type="application/pdf",
                size=3,
                sha256="0" * 64,
                content=b"pdf",
            )
        )
        ids = first.id, second.id
    assert [_version(audited, Contract, i) for i in ids] == [1, 1]  # created in that transaction
    with audited.begin() as s:
        s.execute(select(Attachment)).scalar_one().owner_id = ids[1]
    assert [_version(audited, Contract, i) for i in ids] == [2, 2]


def test_a_row_inserted_in_one_statement_keeps_its_first_version_when_a_child_follows(
    audited: sessionmaker[Session],
) -> None:
    supplier_id = uuid.uuid4()
    row = {"id": supplier_id, "name": "Tvätt AB", "name_key": "TVATT AB", "orgnr": "556016-0680",
           "vat_number": "SE556016068001"}  # fmt: skip
    with audited.begin() as s:
        s.info["actor"] = "karin.oberg"
        audit.insert_rows(s, Supplier, [row])
        s.add(SupplierContact(version=1, supplier_id=supplier_id, name="Anna Berg"))
    assert _version(audited, Supplier, supplier_id) == 1  # as if a flush had created it
    assert [a[:2] for a in _audit(audited)] == [
        ("insert", "supplier"), ("insert", "supplier_contact")
    ]  # fmt: skip
