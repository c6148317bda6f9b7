"""Contract terms: month arithmetic, extension options with derived deadlines, amendments."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from pydantic import BaseModel, Field

from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import Day, Ore, Text
from inkop_desktop.domain.validation import STRICT

ONE_DAY = timedelta(days=1)


def _out_of_range(day: date, months: int) -> ValidationError:
    """The Swedish error for date arithmetic that leaves the calendar."""
    return ValidationError(
        f"{abs(months)} månader {'efter' if months >= 0 else 'före'} {day.isoformat()} "
        "hamnar utanför kalendern. Kontrollera datum och antal månader."
    )


def add_months(day: date, months: int) -> date:
    """*day* moved by *months* calendar months, clamped to the last day of the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise _out_of_range(day, months)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def end_after(period_end: date, months: int) -> date:
    """The last day of a period of *months* that starts the day after *period_end*."""
    try:
        return add_months(period_end + ONE_DAY, months) - ONE_DAY
    except OverflowError:
        raise _out_of_range(period_end, months) from None


def months_before(period_end: date, months: int) -> date:
    """The last day on which notice *months* before the end of a period may be given."""
    return end_after(period_end, -months)


def term_months(start: date, end: date) -> int:
    """Whole months from *start* to *end* inclusive, rounded to the nearest month."""
    return max(1, round(((end - start).days + 1) / 30.44))


class OptionInput(BaseModel):
    """An extension option as the user enters it; its deadline is always derived."""

    model_config = STRICT

    months: int = Field(ge=1, le=120, title="Optionens längd (månader)")
    decision: OptionDecision = Field(default=OptionDecision.EJ_BESLUTAD, title="Beslut")


@dataclass(frozen=True)
class OptionTerm:
    """An option placed in time: the period it adds and when it must be decided."""

    ordinal: int
    months: int
    decision: OptionDecision
    period_start: date
    period_end: date
    decision_deadline: date

    @property
    def is_open(self) -> bool:
        """True while nobody has decided on the option."""
        return self.decision is OptionDecision.EJ_BESLUTAD


def option_schedule(
    end_date: date, notice_months: int, options: Sequence[OptionInput]
) -> list[OptionTerm]:
    """Place each option after the period before it; decide *notice_months* before that end."""
    # end_date is the current end: exercised options are inside it, so the first option
    # follows the original term (the end date minus every exercised option).
    used = sum(o.months for o in options if o.decision is OptionDecision.UTNYTTJAD)
    period_end = end_after(end_date, -used)
    terms: list[OptionTerm] = []
    for ordinal, option in enumerate(options, start=1):
        deadline = months_before(period_end, notice_months)
        new_end = end_after(period_end, option.months)
        terms.append(
            OptionTerm(
                ordinal, option.months, option.decision, period_end + ONE_DAY, new_end, deadline
            )
        )
        period_end = new_end
    return terms


def latest_possible_end(end_date: date, options: Sequence[OptionTerm]) -> date:
    """The end date if every option still open were exercised."""
    return end_after(end_date, sum(o.months for o in options if o.is_open))


def notice_deadline(end_date: date, notice_months: int) -> date | None:
    """The last day to give notice before *end_date*; None without a notice period."""
    return months_before(end_date, notice_months) if notice_months > 0 else None


class AmendmentInput(BaseModel):
    """A change to a contract: date, reason and the new value; the original value stays."""

    model_config = STRICT

    amended_on: Day = Field(title="Datum")
    reason: Text = Field(min_length=1, max_length=10000, title="Skäl")
    new_value_ore: Ore = Field(title="Nytt värde")
