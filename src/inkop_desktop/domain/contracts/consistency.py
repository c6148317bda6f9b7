"""Rules that keep a contract's own figures consistent: values, stated years, exercised options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from inkop_desktop.domain.contracts.model import OptionDecision, annual_problem
from inkop_desktop.domain.contracts.terms import OptionInput

__all__ = [
    "annual_problem",
    "exercise_order_problem",
    "exercised_months",
    "period_problem",
    "stated_years",
    "without_stated_years",
]

_YEARS = re.compile(r"(?<!\d)((?:19|20|21)\d\d)\s*[-–—]\s*((?:19|20|21)\d\d)(?!\d)")
"""A period written in a title: ``2023–2027``, ``2023-2027`` or ``2023 — 2027``."""


def stated_years(title: str) -> tuple[int, int] | None:
    """The first and last year a title states (``Städ 2023–2027`` → (2023, 2027)), or None."""
    found = _YEARS.search(title)
    return None if found is None else (int(found.group(1)), int(found.group(2)))


def without_stated_years(title: str) -> str:
    """*title* without the period it states (``Städ 2023–2027`` → ``Städ``)."""
    return " ".join(_YEARS.sub("", title).split())


def period_problem(title: str, start: date, end: date, latest_end: date) -> str | None:
    """Why the contract's period contradicts the years in its title, or None.

    The first year is the start year; the last year lies between the current end and the end
    if every open option is exercised (a title may name the period with its options).
    """
    years = stated_years(title)
    if years is None:
        return None
    first, last = years
    if first == start.year and end.year <= last <= latest_end.year:
        return None
    with_options = f" (med alla öppna optioner till {latest_end.isoformat()})"
    return (
        f"Benämningen anger perioden {first}–{last}, men avtalet löper "
        f"{start.isoformat()} – {end.isoformat()}"
        f"{with_options if latest_end != end else ''}. "
        "Rätta avtalstiden eller åren i benämningen."
    )


def exercised_months(options: Sequence[OptionInput]) -> int:
    """The months the exercised options add to the original term."""
    return sum(o.months for o in options if o.decision is OptionDecision.UTNYTTJAD)


def exercise_order_problem(options: Sequence[OptionInput]) -> str | None:
    """An option is exercised only after every option before it was: None, or why not."""
    for number, option in enumerate(options, start=1):
        if option.decision is not OptionDecision.UTNYTTJAD:
            continue
        before = [n for n, o in enumerate(options[: number - 1], start=1)
                  if o.decision is not OptionDecision.UTNYTTJAD]  # fmt: skip
        if before:
            return (
                f"Option {number} kan inte vara utnyttjad när option {before[0]} inte är det: "
                "optionerna förlänger avtalet i tur och ordning."
            )
    return None
