"""Leverantörer in and out of spreadsheets, contact persons included."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Supplier, SupplierContact
from inkop_desktop.domain.identifiers import vat_number
from inkop_desktop.domain.names import company_key
from inkop_desktop.domain.suppliers.input import ContactInput, SupplierInput
from inkop_desktop.domain.validation import field_messages
from inkop_desktop.services.exchange.cells import lines
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, apply, outcome
from inkop_desktop.services.exchange.refs import chunks
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
    validate,
)
from inkop_desktop.services.lists import sync_list

CONTACTS = "Kontaktpersoner"


def contact_line(contact: Any) -> str:
    """``Namn; Roll; E-post; Telefon`` without trailing empty parts."""
    parts = [contact.name, contact.role, contact.email, contact.phone]
    while parts and not parts[-1]:
        parts.pop()
    return "; ".join(parts)


@dataclass(frozen=True)
class SupplierItem:
    """A checked supplier row and, in update mode, the stored supplier it updates."""

    data: SupplierInput
    row: int
    stored: uuid.UUID | None = None


class SupplierExchange(KindExchange):
    """The supplier register as a sheet."""

    kind = "leverantorer"
    title = "Leverantörer"
    model = SupplierInput
    columns = (
        Column("Namn", "name"),
        Column("Organisationsnummer", "orgnr"),
        Column("Momsregistreringsnummer", None),
        Column("Adress", "address"),
        Column("Ort", "city"),
        Column("E-post", "email"),
        Column("Telefon", "phone"),
        Column("Anteckningar", "notes"),
        Column(CONTACTS, "contacts", lines),
    )

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """Suppliers with their contacts, one line per contact."""
        out: list[ExportRow] = []
        for part in chunks(ids):
            found = {
                s.id: s for s in session.scalars(select(Supplier).where(Supplier.id.in_(part)))
            }
            contacts: dict[uuid.UUID, list[str]] = defaultdict(list)
            stmt = (
                select(SupplierContact)
                .where(SupplierContact.supplier_id.in_(part))
                .order_by(SupplierContact.name, SupplierContact.email, SupplierContact.phone)
            )
            for contact in session.scalars(stmt):
                contacts[contact.supplier_id].append(contact_line(contact))
            for supplier_id in part:
                s = found.get(supplier_id)
                if s is not None:
                    texts = (s.address, s.city, s.email, s.phone, s.notes)
                    lines_ = "\n".join(contacts[s.id]) or None
                    out.append((s.name, s.orgnr, s.vat_number, *(t or None for t in texts), lines_))
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Valid input, valid contacts, and no number or name that exists already."""
        checked: list[tuple[ParsedRow, SupplierInput]] = []
        for row in rows:
            if not _contacts(row, problems):
                continue
            data = validate(SupplierInput, row, row.values, problems)
            if data is not None:
                checked.append((row, data))
        unique_in_file(
            [(r, i.orgnr, i.orgnr) for r, i in checked],
            "orgnr",
            problems,
            "organisationsnumret {value} finns redan på rad {row}",
        )
        unique_in_file(
            [(r, company_key(i.name), i.name) for r, i in checked if not r.failed],
            "name",
            problems,
            "”{value}” är samma leverantör som på rad {row} (samma namn)",
        )
        stored = _existing(session, checked, problems, self.update)
        return [SupplierItem(i, r.number, stored.get(i.orgnr)) for r, i in checked]

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome] | None:
        """Insert suppliers and their contacts; in update mode update the stored ones."""
        headers = {c.field: c.header for c in self.columns if c.field}
        outcomes = []
        for item in items:
            data: SupplierInput = item.data
            values = data.model_dump(exclude={"contacts"})
            values |= {"name_key": company_key(data.name), "vat_number": vat_number(data.orgnr)}
            changed: list[str] = []
            if item.stored is None:
                supplier_id = uuid.uuid4()
                session.add(Supplier(id=supplier_id, version=1, **values))
            else:
                supplier_id = item.stored
                changed = apply(session.get(Supplier, supplier_id), values, headers)
            if _set_contacts(session, supplier_id, data.contacts, item.stored is None):
                changed.append(CONTACTS)
            outcomes.append(outcome(item.row, item.stored is None, changed))
        return outcomes if self.update else None


_CONTACT = ("name", "role", "email", "phone")


def _set_contacts(
    session: Session, supplier_id: uuid.UUID, contacts: tuple[ContactInput, ...], new: bool
) -> bool:
    """Make the supplier's contacts those given (kept ones untouched); True if any changed."""
    if new:
        for contact in contacts:
            session.add(SupplierContact(version=1, supplier_id=supplier_id, **contact.model_dump()))
        return False
    stored = session.scalars(
        select(SupplierContact).where(SupplierContact.supplier_id == supplier_id)
    )
    return sync_list(
        session,
        list(stored),
        [tuple(getattr(c, k) for k in _CONTACT) for c in contacts],
        lambda c: tuple(getattr(c, k) for k in _CONTACT),
        lambda k: SupplierContact(
            version=1, supplier_id=supplier_id, **dict(zip(_CONTACT, k, strict=True))
        ),
    )


def _contacts(row: ParsedRow, problems: Problems) -> bool:
    """Turn the cell's lines into contacts; False (and a problem) if a line is invalid."""
    found: list[ContactInput] = []
    for index, line in enumerate(row.values.get("contacts", ()), start=1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) > 4:
            problems.field(
                row, "contacts", f"kontakt {index}: skriv Namn; Roll; E-post; Telefon (högst fyra)"
            )
            return False
        data = dict(zip(("name", "role", "email", "phone"), parts, strict=False))
        try:
            found.append(ContactInput.model_validate(data))
        except pydantic.ValidationError as exc:
            name, text = field_messages(ContactInput, exc)[0]
            label = ContactInput.model_fields[name].title if name else ""
            problems.field(row, "contacts", f"kontakt {index}: {label} {text}".strip())
            return False
    if "contacts" in row.values:
        row.values["contacts"] = tuple(found)
    return True


def _existing(
    session: Session,
    checked: list[tuple[ParsedRow, SupplierInput]],
    problems: Problems,
    update: bool,
) -> dict[str, uuid.UUID]:
    """Suppliers already in the register by organisationsnummer or normalised name.

    In update mode a row with a stored organisationsnummer updates that supplier (its id is
    returned by orgnr); a name that another supplier has is still refused.
    """
    by_orgnr: dict[str, Any] = {}
    by_key: dict[str, Any] = {}
    orgnrs = [i.orgnr for _, i in checked]
    keys = [company_key(i.name) for _, i in checked]
    for part in chunks(sorted(set(orgnrs))):
        stmt = select(Supplier.id, Supplier.name, Supplier.orgnr).where(Supplier.orgnr.in_(part))
        by_orgnr.update({r.orgnr: r for r in session.execute(stmt)})
    for part in chunks(sorted(set(keys))):
        named = select(Supplier.name, Supplier.orgnr, Supplier.name_key).where(
            Supplier.name_key.in_(part)
        )
        by_key.update({r.name_key: r for r in session.execute(named)})
    updated: dict[str, uuid.UUID] = {}
    for row, item in checked:
        clash = by_orgnr.get(item.orgnr)
        field = "orgnr"
        if clash is not None and update:
            updated[item.orgnr] = clash.id
            clash = by_key.get(company_key(item.name))
            clash = clash if clash is not None and clash.orgnr != item.orgnr else None
            field = "name"
        elif clash is None:
            clash, field = by_key.get(company_key(item.name)), "name"
        if clash is not None and field not in row.failed:
            problems.field(
                row, field, f"leverantören finns redan i registret: {clash.name} ({clash.orgnr})"
            )
    return updated
