"""Leverantörsregistret: list, read, create and update suppliers."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import ContractSupplier, DirectAward, Supplier, SupplierContact
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.identifiers import vat_number
from inkop_desktop.domain.names import company_key
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.suppliers.input import ContactInput, SupplierInput
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.listing import ListSpec, run_page
from inkop_desktop.services.lists import sync_list
from inkop_desktop.services.suppliers.links import Involvement, involvement

Involvements = list[Involvement]


class SupplierRow(BaseModel):
    """One line in the supplier list."""

    model_config = FROZEN
    id: uuid.UUID
    name: str
    orgnr: str
    vat_number: str
    city: str
    contracts: int
    direct_awards: int


class SupplierDetail(BaseModel):
    """A supplier as opened in the editor, with its version for optimistic locking."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    name: str
    orgnr: str
    vat_number: str
    address: str
    city: str
    email: str
    phone: str
    notes: str
    contacts: tuple[ContactInput, ...] = ()


_CONTRACTS = (
    select(func.count()).where(ContractSupplier.supplier_id == Supplier.id).scalar_subquery()
)
_AWARDS = (
    select(func.count()).where(DirectAward.chosen_supplier_id == Supplier.id).scalar_subquery()
)

SPEC = ListSpec(
    sortable={
        "name": Supplier.name,
        "orgnr": Supplier.orgnr,
        "vat_number": Supplier.vat_number,
        "city": Supplier.city,
        "contracts": _CONTRACTS,
        "direct_awards": _AWARDS,
    },
    searchable=[Supplier.name, Supplier.orgnr, Supplier.city],
    default_sort="name",
    seekable=frozenset({"name"}),
    key=Supplier.id,
    filters={"city": lambda v: Supplier.city == v},
)


class SupplierService(Service):
    """Use cases of the supplier register."""

    def list(self, query: ListQuery) -> Page[SupplierRow]:
        """A filtered, sorted page of suppliers."""
        stmt = select(
            Supplier.id,
            Supplier.name,
            Supplier.orgnr,
            Supplier.vat_number,
            Supplier.city,
            _CONTRACTS.label("contracts"),
            _AWARDS.label("direct_awards"),
        )
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, SPEC, query)
        return Page(
            rows=[SupplierRow.model_validate(r) for r in rows],
            total=total,
            offset=query.offset,
            estimated=estimated,
        )

    def get(self, supplier_id: uuid.UUID) -> SupplierDetail:
        """One supplier for editing, with its contacts."""
        with self._session() as s:
            return _detail(s, _load(s, supplier_id))

    def involvement(self, supplier_id: uuid.UUID) -> Involvements:
        """Every contract, plan item (as bidder) and direct award (quote or chosen) involving it."""
        with self._session() as s:
            return involvement(s, supplier_id)

    def create(self, data: dict[str, Any]) -> SupplierDetail:
        """Validate and store a new supplier; refuse duplicates by number or name."""
        item = parse(SupplierInput, data)
        with self._session() as s:
            self._require(s, Act.SUPPLIER_EDIT)
            _refuse_duplicate(s, item, None)
            row = Supplier(version=1, **_columns(item))
            s.add(row)
            s.flush()
            _set_contacts(s, row.id, item.contacts)
            return _detail(s, row)

    def update(self, supplier_id: uuid.UUID, version: int, data: dict[str, Any]) -> SupplierDetail:
        """Save changes made to the version the user opened; a newer version is a conflict."""
        item = parse(SupplierInput, data)
        with self._session() as s:
            self._require(s, Act.SUPPLIER_EDIT)
            row = load_for_edit(s, Supplier, supplier_id, version, MISSING)
            _refuse_duplicate(s, item, supplier_id)
            for key, value in _columns(item).items():
                setattr(row, key, value)
            _set_contacts(s, row.id, item.contacts)
            s.flush()
            return _detail(s, row)


MISSING = "Leverantören finns inte längre."


def _load(session: Session, supplier_id: uuid.UUID) -> Supplier:
    """Fetch or raise a Swedish NotFoundError."""
    row = session.get(Supplier, supplier_id)
    if row is None:
        raise NotFoundError(MISSING)
    return row


def _columns(item: SupplierInput) -> dict[str, Any]:
    """Table columns derived from the validated input."""
    values = item.model_dump(exclude={"contacts"})
    values["name_key"] = company_key(item.name)
    values["vat_number"] = vat_number(item.orgnr)
    return values


def _refuse_duplicate(session: Any, item: SupplierInput, own_id: uuid.UUID | None) -> None:
    """A supplier with the same organisationsnummer or normalised name already exists."""
    stmt = select(Supplier.name, Supplier.orgnr).where(
        (Supplier.orgnr == item.orgnr) | (Supplier.name_key == company_key(item.name))
    )
    if own_id is not None:
        stmt = stmt.where(Supplier.id != own_id)
    clash = session.execute(stmt.limit(1)).first()
    if clash is not None:
        raise ValidationError(
            f"Leverantören finns redan: {clash.name} ({clash.orgnr}).", field="orgnr"
        )


def _set_contacts(
    session: Session, supplier_id: uuid.UUID, contacts: tuple[ContactInput, ...]
) -> None:
    """Make the supplier's contact people those given (unchanged ones are kept)."""
    stored = session.execute(
        select(SupplierContact).where(SupplierContact.supplier_id == supplier_id)
    ).scalars()
    sync_list(
        session,
        stored,
        [_contact_key(c) for c in contacts],
        _contact_key,
        lambda k: SupplierContact(
            version=1, supplier_id=supplier_id, **dict(zip(_CONTACT, k, strict=True))
        ),
    )


_CONTACT = ("name", "role", "email", "phone")


def _contact_key(contact: Any) -> tuple[str, ...]:
    """A contact's fields as one comparable value."""
    return tuple(getattr(contact, k) for k in _CONTACT)


def _detail(session: Session, row: Supplier) -> SupplierDetail:
    """The editor DTO with the contacts."""
    contacts = session.execute(
        select(SupplierContact)
        .where(SupplierContact.supplier_id == row.id)
        .order_by(SupplierContact.name)
    ).scalars()
    found = tuple(
        ContactInput(name=c.name, role=c.role, email=c.email, phone=c.phone) for c in contacts
    )
    base = {k: getattr(row, k) for k in SupplierDetail.model_fields if k != "contacts"}
    return SupplierDetail(**base, contacts=found)
