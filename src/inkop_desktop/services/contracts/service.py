"""Avtalsportföljen: list, read, create and update contracts with options, amendments, files."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from inkop_desktop.db import search_text
from inkop_desktop.db.tables import Contract, ContractSupplier, Person, Supplier
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.contracts.terms import OptionInput
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.names import search_key
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.contracts import attachments as files
from inkop_desktop.services.contracts import parts, rules
from inkop_desktop.services.contracts.attachments import AttachmentFile
from inkop_desktop.services.contracts.choices import ContractChoices, load_choices
from inkop_desktop.services.contracts.detail import ContractDetail as ContractDetail
from inkop_desktop.services.contracts.detail import Parts, build, read_parts
from inkop_desktop.services.contracts.listing import contract_page
from inkop_desktop.services.contracts.rows import ContractRow
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.history import HistoryEntry, record_history
from inkop_desktop.services.lists import sync_list
from inkop_desktop.services.reads import plain_read


class ContractService(Service):
    """Use cases of the contract portfolio."""

    def list(self, query: ListQuery) -> Page[ContractRow]:
        """A filtered, sorted page of contracts (the list page reads it through ContractList)."""
        with self._session() as s:
            return contract_page(s, query)

    def get(self, contract_id: uuid.UUID) -> ContractDetail:
        """One contract for editing (the DTO is built after the transaction ended)."""
        with self._session() as s:
            row = _read(s, contract_id)
            found = read_parts(s, row)
        return build(row, found)

    def history(self, contract_id: uuid.UUID) -> Sequence[HistoryEntry]:
        """Who changed the contract when, and what (the audit trail), oldest first."""
        with self._session() as s:
            return record_history(s, "contract", contract_id)

    def create(
        self, data: dict[str, Any], options: Sequence[dict[str, Any]] | None = None
    ) -> ContractDetail:
        """Validate and store a new contract with its suppliers and options."""
        item = _parse(data)
        wanted = parts.parse_options(options or ())
        rules.check_terms(item, wanted)
        with self._session() as s:
            self._require(s, Act.CONTRACT_EDIT)
            parts.check_framework(s, None, item)
            row = Contract(id=uuid.uuid4(), version=1, **_columns(s, item))
            _compose_search_text(s, row, item, {})
            s.add(row)
            s.flush()
            _set_suppliers(s, row.id, item.supplier_ids, ())
            parts.set_options(s, row, item, wanted)
            s.flush()
            return _detail(s, row)

    def update(
        self,
        contract_id: uuid.UUID,
        version: int,
        data: dict[str, Any],
        options: Sequence[dict[str, Any]] | None = None,
    ) -> ContractDetail:
        """Save changes to the version the user opened; a newer version is a conflict."""
        item = _parse(data)
        given = None if options is None else parts.parse_options(options)
        with self._session() as s:
            self._require(s, Act.CONTRACT_EDIT)
            row = load_for_edit(s, Contract, contract_id, version, MISSING)
            item, found = _checked(s, row, item, given)
            names = _supplier_names(s, row.id)
            for key, value in _columns(s, item).items():
                setattr(row, key, value)
            _compose_search_text(s, row, item, names)
            found.supplier_ids = _change_suppliers(s, row.id, item.supplier_ids, names)
            found.options = parts.set_options(s, row, item, found.wanted, found.options)
            s.flush()  # one flush: the row lock is held for the writes only, not the DTO
        return build(row, found)

    def add_amendment(
        self, contract_id: uuid.UUID, version: int, data: dict[str, Any]
    ) -> ContractDetail:
        """Record an amendment (date, reason, new value) on the version the user opened.

        The original value is kept; the contract gets a new version (returned).
        """
        with self._session() as s:
            self._require(s, Act.CONTRACT_EDIT)
            row = load_for_edit(s, Contract, contract_id, version, MISSING)
            parts.add_amendment(s, row, data)
            s.flush()
            return _detail(s, row)

    def add_attachment(
        self,
        contract_id: uuid.UUID,
        version: int,
        filename: str,
        content: bytes,
        description: str = "",
    ) -> ContractDetail:
        """Store a file (at most 50 MB) with its sha256 on the version the user opened."""
        with self._session() as s:
            self._require(s, Act.CONTRACT_EDIT)
            row = load_for_edit(s, Contract, contract_id, version, MISSING)
            files.store(s, row.id, filename, content, description)
            s.flush()
            return _detail(s, row)

    def attachment(self, attachment_id: uuid.UUID) -> AttachmentFile:
        """A file's content, verified against its stored sha256."""
        with self._session() as s:
            return files.read(s, attachment_id)

    def choices(self, current: ContractInput | None = None) -> ContractChoices:
        """Pick lists for the editor (keeping the people and framework already chosen)."""
        with self._session() as s:
            if current is None:
                return load_choices(s, date.today())
            return load_choices(
                s, date.today(), current.owner_id, current.handlaggare_id, current.framework_id
            )


_PEOPLE = (("owner_id", "Avtalsägare (verksamheten)"), ("handlaggare_id", "Handläggare"))


def _parse(data: dict[str, Any]) -> ContractInput:
    """Validate; a missing avtalsägare or handläggare gets the policy's own words first."""
    missing = [(key, label) for key, label in _PEOPLE if data.get(key) is None]
    if not missing:
        return parse(ContractInput, data)
    lines = [
        " och ".join(label for _key, label in missing)
        + " måste väljas. Varje avtal ska ha både en avtalsägare i verksamheten och en "
        "handläggare i inköpsverksamheten."
    ]
    try:
        parse(ContractInput, data)
    except ValidationError as exc:
        people = tuple(f"{ContractInput.model_fields[k].title}:" for k, _label in _PEOPLE)
        lines += [line for line in exc.text.splitlines() if not line.startswith(people)]
    raise ValidationError("\n".join(lines), field=missing[0][0])


MISSING = "Avtalet finns inte längre."


def _load(session: Session, contract_id: uuid.UUID) -> Contract:
    """Fetch or raise a Swedish NotFoundError."""
    row = session.get(Contract, contract_id)
    if row is None:
        raise NotFoundError(MISSING)
    return row


_ROW = select(Contract.__table__).where(Contract.__table__.c.id == bindparam("cid"))


def _read(session: Session, contract_id: uuid.UUID) -> Any:
    """The contract's columns as a plain row (opening it changes nothing), or NotFoundError."""
    row = plain_read(session, _ROW, {"cid": contract_id}).first()
    if row is None:
        raise NotFoundError(MISSING)
    return row


_OWNER_ORG = select(Person.organisation_id).where(Person.id == bindparam("pid"))


def _columns(session: Session, item: ContractInput) -> dict[str, Any]:
    """Table columns from the validated input; the owner's organisation is derived."""
    values = item.model_dump(exclude={"supplier_ids"})
    values["title_key"] = search_key(item.title)
    owner = plain_read(session, _OWNER_ORG, {"pid": item.owner_id}).first()
    if owner is None:
        raise ValidationError("Avtalsägare: personen finns inte längre.", field="owner_id")
    values["owner_org_id"] = owner.organisation_id
    return values


_LINKED = (
    select(Supplier.id, Supplier.name)
    .join(ContractSupplier, Supplier.id == ContractSupplier.supplier_id)
    .where(ContractSupplier.contract_id == bindparam("cid"))
)
_LINKS = select(ContractSupplier).where(ContractSupplier.contract_id == bindparam("cid"))
_NAMES = select(Supplier.id, Supplier.name).where(Supplier.id.in_(bindparam("ids", expanding=True)))


def _supplier_names(session: Session, contract_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """The names of the suppliers the contract is linked to, by id."""
    return {r.id: r.name for r in plain_read(session, _LINKED, {"cid": contract_id})}


def _change_suppliers(
    session: Session,
    contract_id: uuid.UUID,
    ids: tuple[uuid.UUID, ...],
    linked: dict[uuid.UUID, str],
) -> tuple[uuid.UUID, ...]:
    """Link the contract to *ids* (*linked*: its links now); the link rows are loaded to change."""
    if set(ids) == set(linked):
        return tuple(sorted(set(ids)))
    with session.no_autoflush:  # the contract's row is written with its links, in one flush
        stored = list(session.execute(_LINKS, {"cid": contract_id}).scalars())
    return _set_suppliers(session, contract_id, ids, stored)


def _compose_search_text(
    session: Session, row: Contract, item: ContractInput, names: dict[uuid.UUID, str]
) -> None:
    """Set the row's catalogue search text and keys from what it stores (*names*: suppliers
    known)."""
    missing = [sid for sid in item.supplier_ids if sid not in names]
    if missing:
        read = session.connection().execute(_NAMES, {"ids": missing})  # names: no flush needed
        names = {**names, **{sid: name for sid, name in read}}
    wanted = [names[sid] for sid in dict.fromkeys(item.supplier_ids) if sid in names]
    derived = search_text.derived(item.title, item.keywords, item.contract_number, item.cpv, wanted)
    for name, value in derived.items():
        setattr(row, name, value)
    search_text.composed(session, row.id)


def _set_suppliers(
    session: Session,
    contract_id: uuid.UUID,
    ids: tuple[uuid.UUID, ...],
    stored: Sequence[ContractSupplier],
) -> tuple[uuid.UUID, ...]:
    """Make the contract's supplier links those given (unchanged ones are kept); their ids."""
    wanted = list(dict.fromkeys(ids))
    sync_list(
        session,
        stored,
        wanted,
        lambda r: r.supplier_id,
        lambda sid: ContractSupplier(version=1, contract_id=contract_id, supplier_id=sid),
    )
    return tuple(sorted(wanted))  # as opening the contract reads them (_SUPPLIER_IDS)


def _checked(
    session: Session, row: Contract, item: ContractInput, given: list[OptionInput] | None
) -> tuple[ContractInput, Parts]:
    """The save's input with the end date options moved it to, after every rule's check.

    Options are replaced when given; otherwise the stored ones keep their lengths and
    decisions and get deadlines derived from the new end date and notice period. An option
    marked exercised moves the end date (rules.end_after_options). Each part is read once.
    """
    current = parts.option_terms(session, row.id)
    stored = parts.as_inputs(current)
    wanted = stored if given is None else given
    end = rules.end_after_options(row, item.end_date, stored, wanted)
    if end != item.end_date:
        item = parse(ContractInput, {**item.model_dump(), "end_date": end})
    rules.check_terms(item, wanted)
    amendments = parts.amendment_rows(session, row.id)
    rules.check_value_kept(row, item, amendments)
    calloffs = parts.check_framework(session, row.id, item)
    found = Parts(
        supplier_ids=(),
        options=current,
        amendments=amendments,
        attachments=files.attachment_rows(session, row.id),
        framework=parts.ref(session, item.framework_id),
        calloffs=calloffs,
        wanted=wanted,
    )
    return item, found


def _detail(session: Session, row: Contract) -> ContractDetail:
    """Read the contract's parts and build the editor DTO."""
    return build(row, read_parts(session, row))
