"""Avtalsportföljen: list, read, create and update contracts with options, amendments, files."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, ContractSupplier, Person
from inkop_desktop.domain.contracts.model import ContractInput, RiskTier
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.names import search_key
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.contracts import attachments as files
from inkop_desktop.services.contracts import parts, rules
from inkop_desktop.services.contracts.attachments import AttachmentFile, AttachmentRow
from inkop_desktop.services.contracts.choices import ContractChoices, load_choices
from inkop_desktop.services.contracts.listing import ContractRow, contract_page
from inkop_desktop.services.contracts.parts import AmendmentRow, ContractRef, OptionRow
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.history import HistoryEntry, record_history
from inkop_desktop.services.lists import sync_list


class ContractDetail(BaseModel):
    """A contract as opened in the editor, with its options, amendments, files and links."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    data: ContractInput
    options: tuple[OptionRow, ...] = ()
    amendments: tuple[AmendmentRow, ...] = ()
    attachments: tuple[AttachmentRow, ...] = ()
    framework: ContractRef | None = None
    calloffs: tuple[ContractRef, ...] = ()

    @property
    def current_value_ore(self) -> int:
        """The value after the latest amendment (the original value if none)."""
        return self.amendments[-1].new_value_ore if self.amendments else self.data.total_value_ore


class ContractService(Service):
    """Use cases of the contract portfolio."""

    def list(self, query: ListQuery) -> Page[ContractRow]:
        """A filtered, sorted page of contracts (the list page reads it through ContractList)."""
        with self._session() as s:
            return contract_page(s, query)

    def get(self, contract_id: uuid.UUID) -> ContractDetail:
        """One contract for editing."""
        with self._session() as s:
            return _detail(s, _load(s, contract_id))

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
            row = Contract(version=1, **_columns(s, item))
            s.add(row)
            s.flush()
            _set_suppliers(s, row.id, item.supplier_ids)
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
        # Options are replaced when given; otherwise the stored ones keep their lengths and
        # decisions and get deadlines derived from the new end date and notice period. An
        # option marked exercised moves the end date (rules.end_after_options).
        item = _parse(data)
        given = None if options is None else parts.parse_options(options)
        with self._session() as s:
            self._require(s, Act.CONTRACT_EDIT)
            row = load_for_edit(s, Contract, contract_id, version, MISSING)
            stored = parts.as_inputs(parts.stored_options(s, row.id))
            wanted = stored if given is None else given
            end = rules.end_after_options(row, item.end_date, stored, wanted)
            if end != item.end_date:
                item = parse(ContractInput, {**item.model_dump(), "end_date": end})
            rules.check_terms(item, wanted)
            rules.check_value_kept(row, item, parts.amendment_rows(s, row.id))
            parts.check_framework(s, row.id, item)
            for key, value in _columns(s, item).items():
                setattr(row, key, value)
            _set_suppliers(s, row.id, item.supplier_ids)
            parts.set_options(s, row, item, wanted)
            s.flush()
            return _detail(s, row)

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


def _columns(session: Session, item: ContractInput) -> dict[str, Any]:
    """Table columns from the validated input; the owner's organisation is derived."""
    values = item.model_dump(exclude={"supplier_ids"})
    values["title_key"] = search_key(item.title)
    owner = session.get(Person, item.owner_id)
    if owner is None:
        raise ValidationError("Avtalsägare: personen finns inte längre.", field="owner_id")
    values["owner_org_id"] = owner.organisation_id
    return values


def _set_suppliers(session: Session, contract_id: uuid.UUID, ids: tuple[uuid.UUID, ...]) -> None:
    """Make the contract's supplier links those given (unchanged ones are kept)."""
    stored = select(ContractSupplier).where(ContractSupplier.contract_id == contract_id)
    sync_list(
        session,
        session.execute(stored).scalars(),
        list(dict.fromkeys(ids)),
        lambda r: r.supplier_id,
        lambda sid: ContractSupplier(version=1, contract_id=contract_id, supplier_id=sid),
    )


def _detail(session: Session, row: Contract) -> ContractDetail:
    """Build the editor DTO from the row and its supplier links."""
    supplier_ids = tuple(
        session.execute(
            select(ContractSupplier.supplier_id).where(ContractSupplier.contract_id == row.id)
        ).scalars()
    )
    fields = {k: getattr(row, k) for k in ContractInput.model_fields if k != "supplier_ids"}
    fields.update(
        parties=Parties(row.parties),
        procedure=Procedure(row.procedure),
        risk_tier=RiskTier(row.risk_tier),
    )
    # model_construct: a stored contract may predate today's rules (e.g. no avtalsägare yet)
    data = ContractInput.model_construct(**fields, supplier_ids=supplier_ids)
    return ContractDetail(
        id=row.id,
        version=row.version,
        data=data,
        options=parts.option_rows(row, parts.stored_options(session, row.id)),
        amendments=parts.amendment_rows(session, row.id),
        attachments=files.attachment_rows(session, row.id),
        framework=parts.ref(session, row.framework_id),
        calloffs=parts.calloffs(session, row.id),
    )
