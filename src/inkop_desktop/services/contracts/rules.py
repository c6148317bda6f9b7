"""Checks a contract save must pass beside the input's own: options, period, frozen value."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract
from inkop_desktop.domain.contracts.consistency import (
    annual_problem,
    exercise_order_problem,
    exercised_months,
    period_problem,
)
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.contracts.terms import (
    OptionInput,
    end_after,
    latest_possible_end,
    option_schedule,
)
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.services.contracts.parts import AmendmentRow, amendment_rows


def check_terms(item: ContractInput, options: Sequence[OptionInput]) -> None:
    """Options exercised in turn; the years in the title agree with the period."""
    problem = exercise_order_problem(options)
    if problem is not None:
        raise ValidationError(problem, field="options")
    terms = option_schedule(item.end_date, item.notice_months, options)
    latest = latest_possible_end(item.end_date, terms)
    problem = period_problem(item.title, item.start_date, item.end_date, latest)
    if problem is not None:
        raise ValidationError(problem, field="end_date")


def end_after_options(
    row: Contract, given: date, stored: Sequence[OptionInput], wanted: Sequence[OptionInput]
) -> date:
    """The end date once options were marked exercised (later) or no longer exercised (earlier).

    Exercising an option extends the contract to the option's end; undoing the mark restores
    the end date it had. A form that already moved the end date sends the moved date; one that
    left it alone sends the stored date and the service moves it. Any other date at the same
    time is refused: it could not be told apart from a mistake.
    """
    change = exercised_months(wanted) - exercised_months(stored)
    if change == 0:
        return given
    moved = end_after(row.end_date, change)
    if given in (row.end_date, moved):
        return moved
    raise ValidationError(
        f"Slutdatum: när optionerna som utnyttjas ändras flyttas slutdatumet med deras längd, "
        f"från {row.end_date.isoformat()} till {moved.isoformat()}. Ändra inte slutdatumet "
        "samtidigt: spara optionerna först och ändra sedan slutdatumet.",
        field="end_date",
    )


def frozen_value_problem(
    original_ore: int, given_ore: int, amendments: Sequence[AmendmentRow]
) -> str | None:
    """Why *given_ore* may not replace the original value (it has amendments), or None."""
    if not amendments or given_ore == original_ore:
        return None
    return (
        f"avtalet har ändrats (senast {amendments[-1].amended_on.isoformat()}), så det "
        f"ursprungliga värdet {Money(original_ore).format()} står kvar som det först "
        "tecknades. Ett nytt värde registreras som en ändring på fliken Ändringar."
    )


def stored_value_problem(session: Session, contract_id: uuid.UUID, given_ore: int) -> str | None:
    """The frozen-value problem of a stored contract (the spreadsheet import's update mode)."""
    row = session.get(Contract, contract_id)
    if row is None:
        return None
    return frozen_value_problem(row.total_value_ore, given_ore, amendment_rows(session, row.id))


def check_value_kept(
    row: Contract, item: ContractInput, amendments: Sequence[AmendmentRow]
) -> None:
    """After an amendment the original value stays; the annual value fits the current value."""
    problem = frozen_value_problem(row.total_value_ore, item.total_value_ore, amendments)
    if problem is not None:
        raise ValidationError(f"Totalt värde: {problem}", field="total_value_ore")
    if not amendments:
        return
    problem = annual_problem(
        item.annual_value_ore, amendments[-1].new_value_ore, "det aktuella värdet efter ändringar"
    )
    if problem is not None:
        raise ValidationError(f"Årligt värde: {problem}", field="annual_value_ore")
