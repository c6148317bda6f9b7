"""Options and amendments of a contract as lines in one cell each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pydantic

from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.contracts.terms import AmendmentInput, OptionInput, option_schedule
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.validation import field_messages
from inkop_desktop.services.exchange.cells import CellError, choice, day, kronor, text

_DECISION = choice({d: d.label for d in OptionDecision})
_MONTHS = re.compile(r"^(\d+)\s*(?:mån(?:ader)?|månad)?\.?$", re.IGNORECASE)
_DEADLINE = re.compile(r"^(?:beslut\s+senast\s+)?(\d{4}-\d{2}-\d{2})$", re.IGNORECASE)
_AMENDMENT_START = re.compile(r"^\d{4}-\d{2}-\d{2}\s*;")


@dataclass(frozen=True)
class OptionLine:
    """An option read from a sheet; the deadline is derived when the line leaves it out."""

    option: OptionInput
    deadline: date | None


def option_text(months: int, decision: str, deadline: date) -> str:
    """``12 mån; Ej beslutad; beslut senast 2027-03-31``."""
    return f"{months} mån; {OptionDecision(decision).label}; beslut senast {deadline.isoformat()}"


def amendment_text(amended_on: date, new_value_ore: int, reason: str) -> str:
    """``2025-03-01; 1 234 000 kr; reason`` (the reason may run over several lines)."""
    return f"{amended_on.isoformat()}; {Money(new_value_ore).format()}; {reason}"


def parse_options(raw: Any) -> tuple[OptionLine, ...]:
    """Every non-empty line is one option: months; decision; deadline (last two optional)."""
    found = []
    for number, line in enumerate((x for x in text(raw).splitlines() if x.strip()), start=1):
        parts = [p.strip() for p in line.split(";")]
        if len(parts) > 3:
            raise CellError(f"option {number}: skriv t.ex. ”12 mån; Ej beslutad; 2027-03-31”")
        months = _MONTHS.match(parts[0])
        if months is None:
            raise CellError(f"option {number}: ”{parts[0]}” är inte ett antal månader")
        decision = _DECISION(parts[1]) if len(parts) > 1 and parts[1] else None
        deadline = _deadline(parts[2], number) if len(parts) > 2 and parts[2] else None
        data: dict[str, Any] = {"months": int(months[1])}
        if decision is not None:
            data["decision"] = decision
        found.append(OptionLine(_model(OptionInput, data, f"option {number}"), deadline))
    return tuple(found)


def _deadline(value: str, number: int) -> date:
    """``beslut senast 2027-03-31`` or just the date."""
    match = _DEADLINE.match(value)
    if match is None:
        raise CellError(f"option {number}: ”{value}” är inte ett datum (ÅÅÅÅ-MM-DD)")
    return day(match[1])


def parse_amendments(raw: Any) -> tuple[AmendmentInput, ...]:
    """Lines ``date; new value; reason``; a line not starting with a date continues the reason."""
    blocks: list[list[str]] = []
    for line in text(raw).splitlines():
        if _AMENDMENT_START.match(line) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    found = []
    for number, block in enumerate((b for b in blocks if "".join(b).strip()), start=1):
        parts = "\n".join(block).split(";", 2)
        where = f"ändring {number}"
        if len(parts) != 3:
            raise CellError(f"{where}: skriv ”ÅÅÅÅ-MM-DD; nytt värde; skäl”")
        try:
            data = {
                "amended_on": day(parts[0].strip()),
                "new_value_ore": kronor(parts[1].strip()),
                "reason": parts[2].strip(),
            }
        except CellError as exc:
            raise CellError(f"{where}: {exc.text}") from None
        found.append(_model(AmendmentInput, data, where))
    return tuple(found)


def _model(model: Any, data: dict[str, Any], where: str) -> Any:
    """Validate one option or amendment; the first problem becomes a CellError."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        name, message = field_messages(model, exc)[0]
        label = model.model_fields[name].title if name else ""
        raise CellError(f"{where}: {label} {message}".replace("  ", " ")) from None


def deadlines(end_date: date, notice_months: int, lines: Sequence[OptionLine]) -> list[date]:
    """Each option's deadline: as given, or derived from the contract like the editor does."""
    derived = option_schedule(end_date, notice_months, [line.option for line in lines])
    return [
        line.deadline or term.decision_deadline for line, term in zip(lines, derived, strict=True)
    ]
