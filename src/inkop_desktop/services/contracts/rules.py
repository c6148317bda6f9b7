"""Checks a contract save must pass beside the input's own: options, period, frozen value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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
from inkop_desktop.services.contracts.parts import AmendmentRow


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


def check_value_kept(
    row: Contract, item: ContractInput, amendments: Sequence[AmendmentRow]
) -> None:
    """After an amendment the original value stays; the annual value fits the current value."""
    if not amendments:
        return
    latest = amendments[-1]
    if item.total_value_ore != row.total_value_ore:
        raise ValidationError(
            f"Totalt värde: avtalet har ändrats (senast {latest.amended_on.isoformat()}), så det "
            f"ursprungliga värdet {Money(row.total_value_ore).format()} står kvar som det först "
            "tecknades. Ett nytt värde registreras som en ändring på fliken Ändringar.",
            field="total_value_ore",
        )
    problem = annual_problem(
        item.annual_value_ore, latest.new_value_ore, "det aktuella värdet efter ändringar"
    )
    if problem is not None:
        raise ValidationError(f"Årligt värde: {problem}", field="annual_value_ore")
