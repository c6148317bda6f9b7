"""The parts of a contract beside its own row: options, amendments and framework links."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, ContractAmendment, ContractOption
from inkop_desktop.domain.contracts.model import ContractInput, OptionDecision
from inkop_desktop.domain.contracts.terms import (
    AmendmentInput,
    OptionInput,
    OptionTerm,
    option_schedule,
)
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.reads import plain_read


class OptionRow(BaseModel):
    """An extension option with the period it adds and its derived decision deadline."""

    model_config = FROZEN
    ordinal: int
    months: int
    decision: OptionDecision
    period_start: date
    period_end: date
    decision_deadline: date


class AmendmentRow(BaseModel):
    """A recorded change of a contract and the value it led to."""

    model_config = FROZEN
    id: uuid.UUID
    amended_on: date
    reason: str
    new_value_ore: int


class ContractRef(BaseModel):
    """A contract named by number and title (framework ↔ call-off links, pick lists)."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    title: str

    @property
    def display(self) -> str:
        """``GEM-2025-0001 Ramavtal …``."""
        return f"{self.contract_number} {self.title}"


def parse_options(options: Sequence[dict[str, Any]]) -> list[OptionInput]:
    """Validate every option; the message names the option's number."""
    parsed = []
    for number, option in enumerate(options, start=1):
        try:
            parsed.append(parse(OptionInput, option))
        except ValidationError as exc:
            raise ValidationError(f"Option {number}: {exc.text}", field="options") from None
    return parsed


_OPTIONS = (
    select(ContractOption)
    .where(ContractOption.contract_id == bindparam("cid"))
    .order_by(ContractOption.ordinal)
)
_OPTION_TERMS = (
    select(
        ContractOption.ordinal,
        ContractOption.months,
        ContractOption.decision,
        ContractOption.decision_deadline,
    )
    .where(ContractOption.contract_id == bindparam("cid"))
    .order_by(ContractOption.ordinal)
)
_AMENDMENTS = (
    select(
        ContractAmendment.id,
        ContractAmendment.amended_on,
        ContractAmendment.reason,
        ContractAmendment.new_value_ore,
    )
    .where(ContractAmendment.contract_id == bindparam("cid"))
    .order_by(ContractAmendment.amended_on, ContractAmendment.created_at)
)
_CALLOFFS = (
    select(Contract.id, Contract.contract_number, Contract.title)
    .where(Contract.framework_id == bindparam("cid"))
    .order_by(Contract.contract_number)
)
"""The reads of every open and save, built once (a save composes no statement)."""


def stored_options(session: Session, contract_id: uuid.UUID) -> list[ContractOption]:
    """The option rows of a contract in order."""
    return list(session.execute(_OPTIONS, {"cid": contract_id}).scalars())


def option_terms(session: Session, contract_id: uuid.UUID) -> list[Any]:
    """The lengths and decisions of a contract's options in order, as plain rows (reading)."""
    return list(plain_read(session, _OPTION_TERMS, {"cid": contract_id}))


def as_inputs(rows: Sequence[Any]) -> list[OptionInput]:
    """Stored options as inputs for the schedule."""
    return [OptionInput(months=r.months, decision=OptionDecision(r.decision)) for r in rows]


def set_options(
    session: Session,
    row: Contract,
    item: ContractInput,
    options: Sequence[OptionInput],
    current: Sequence[ContractOption] | None = None,
) -> list[ContractOption]:
    """Store the options with deadlines derived from the contract; the rows now, in order.

    *current*: the stored rows when the caller has read them already in this transaction
    (plain rows from ``option_terms`` are enough when nothing changes: the ORM rows are
    loaded only to write).
    """
    if current is None:
        current = stored_options(session, row.id)
    terms = option_schedule(item.end_date, item.notice_months, options)
    if [_values(t) for t in terms] == [_stored(r) for r in current]:
        return list(current)
    if current and not isinstance(current[0], ContractOption):
        with session.no_autoflush:  # the contract's row is written with its options
            current = stored_options(session, row.id)
    for existing in current[len(terms) :]:
        session.delete(existing)
    kept = list(current[: len(terms)])
    for index, term in enumerate(terms):
        values = _values(term)
        if index < len(current):
            target = current[index]
            if any(getattr(target, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(target, key, value)
        else:
            kept.append(ContractOption(version=1, contract_id=row.id, **values))
            session.add(kept[-1])
    return kept


def _values(term: OptionTerm) -> dict[str, Any]:
    """The stored columns of one placed option."""
    return {
        "ordinal": term.ordinal,
        "months": term.months,
        "decision": term.decision.value,
        "decision_deadline": term.decision_deadline,
    }


def _stored(row: Any) -> dict[str, Any]:
    """The same columns of a stored option row."""
    return {k: getattr(row, k) for k in ("ordinal", "months", "decision", "decision_deadline")}


def option_rows(row: Any, options: Sequence[Any]) -> tuple[OptionRow, ...]:
    """Options as placed in time by the contract's current end and notice period."""
    terms = option_schedule(row.end_date, row.notice_months, as_inputs(options))
    return tuple(_option_row(t) for t in terms)


def _option_row(term: OptionTerm) -> OptionRow:
    """DTO of one placed option."""
    return OptionRow(
        ordinal=term.ordinal,
        months=term.months,
        decision=term.decision,
        period_start=term.period_start,
        period_end=term.period_end,
        decision_deadline=term.decision_deadline,
    )


def amendment_rows(session: Session, contract_id: uuid.UUID) -> tuple[AmendmentRow, ...]:
    """The contract's amendments, oldest first."""
    found = plain_read(session, _AMENDMENTS, {"cid": contract_id})
    return tuple(AmendmentRow.model_validate(a) for a in found)


def add_amendment(session: Session, row: Contract, data: dict[str, Any]) -> None:
    """Record an amendment; the contract's original value is left as it was."""
    item = parse(AmendmentInput, data)
    if item.amended_on < row.start_date:
        raise ValidationError(
            f"Datum: ändringen ({item.amended_on.isoformat()}) är före avtalets startdatum "
            f"{row.start_date.isoformat()}.",
            field="amended_on",
        )
    session.add(ContractAmendment(version=1, contract_id=row.id, **item.model_dump()))


def check_framework(
    session: Session, row_id: uuid.UUID | None, item: ContractInput
) -> tuple[ContractRef, ...]:
    """A call-off must point at another contract that is a framework agreement.

    Returns the call-offs made under *row_id* (none for a new contract), read for the check.
    """
    if item.framework_id is not None:
        parent = session.get(Contract, item.framework_id)
        if parent is None or parent.id == row_id or not parent.is_framework:
            raise ValidationError(
                "Ramavtal (avrop från): välj ett annat avtal som är markerat som ramavtal.",
                field="framework_id",
            )
        if item.is_framework:
            raise ValidationError(
                "Ett ramavtal kan inte samtidigt vara avrop från ett annat ramavtal.",
                field="is_framework",
            )
    made = () if row_id is None else calloffs(session, row_id)
    if made and not item.is_framework:
        raise ValidationError(
            "Avtalet har avrop och måste därför vara markerat som ramavtal.", field="is_framework"
        )
    return made


def calloffs(session: Session, contract_id: uuid.UUID) -> tuple[ContractRef, ...]:
    """Call-offs made under the framework *contract_id*."""
    found = plain_read(session, _CALLOFFS, {"cid": contract_id})
    return tuple(ContractRef.model_validate(r) for r in found)


def ref(session: Session, contract_id: uuid.UUID | None) -> ContractRef | None:
    """The number and title of a contract, or None."""
    if contract_id is None:
        return None
    row = session.get(Contract, contract_id)
    return None if row is None else ContractRef.model_validate(row)
