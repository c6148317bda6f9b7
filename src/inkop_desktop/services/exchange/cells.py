"""Spreadsheet cells to Python values for import, each refusal a Swedish CellError."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

from inkop_desktop.documents.exchange.spreadsheet import RawValue
from inkop_desktop.domain.input_types import MAX_KRONOR, MAX_ORE, printable
from inkop_desktop.domain.money import format_kronor

E = TypeVar("E", bound=Enum)

_YES = {"ja", "j", "x", "1", "sant", "true", "yes"}
_NO = {"nej", "n", "0", "falskt", "false", "no"}
_SEEN = 1000
"""How many typed spellings of a list's labels a parser remembers."""
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


class CellError(Exception):
    """A cell value that cannot be used; ``text`` is Swedish."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def text(raw: RawValue) -> str:
    """Any cell as text (numbers without a trailing ``.0``, dates as ISO)."""
    if type(raw) is str:
        return raw.strip()  # the common cell, first
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime) and raw.time() == time():
        return raw.date().isoformat()
    if isinstance(raw, date | time):
        return raw.isoformat()
    return "" if raw is None else str(raw).strip()


def integer(raw: RawValue) -> int:
    """A whole number from a number cell or text."""
    if isinstance(raw, bool):
        raise CellError("måste vara ett heltal")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"-?[0-9]{1,18}", raw.replace(" ", "").strip()):
        return int(raw.replace(" ", ""))
    raise CellError("måste vara ett heltal")


def kronor(raw: RawValue) -> int:
    """An amount in kronor (number or ``1 234 567,50 kr``) as öre; at most two decimals."""
    if isinstance(raw, float):
        value = Decimal(repr(raw))
    elif isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        value = Decimal(raw)
    elif isinstance(raw, str):
        cleaned = re.sub(r"\s", "", raw).lower().removesuffix("kr").replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:
            raise CellError(f"”{printable(raw[:40])}” är inte ett belopp i kronor") from exc
    else:
        raise CellError("måste vara ett belopp i kronor, t.ex. 125 000")
    if not value.is_finite():
        raise CellError(f"”{printable(text(raw)[:40])}” är inte ett belopp i kronor")
    if value.copy_abs() > MAX_KRONOR:
        raise CellError(f"beloppet får vara högst {format_kronor(MAX_ORE)}")
    ore = value * 100
    if ore != ore.to_integral_value():
        raise CellError("beloppet får ha högst två decimaler (öre)")
    return int(ore)


def day(raw: RawValue) -> date:
    """A date from a date cell or ISO text ``ÅÅÅÅ-MM-DD``."""
    if isinstance(raw, datetime):
        if raw.time() != time():
            raise CellError("måste vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)")
        return raw.date()
    if isinstance(raw, date):
        return raw
    match = _DATE.match(raw.strip()) if isinstance(raw, str) else None
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(f"”{printable(text(raw)[:40])}” är inte ett datum (ÅÅÅÅ-MM-DD)")


def yes_no(raw: RawValue) -> bool:
    """Ja/Nej (also x, 1/0, sant/falskt)."""
    if isinstance(raw, bool):
        return raw
    word = text(raw).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"”{text(raw)}” ska vara Ja eller Nej")


def fold(value: str) -> str:
    """Lower-case, whitespace-collapsed text for matching names and labels."""
    return " ".join(value.lower().split())


def choice(labels: Mapping[E, str]) -> Callable[[RawValue], E]:
    """A parser that accepts an enum member's Swedish label or its stored value."""
    known: dict[str, E] = {}
    for member, label in labels.items():
        known[fold(label)] = member
        known[fold(str(member.value))] = member

    seen: dict[str, E] = {}  # texts as typed, already matched (a sheet repeats a few)

    def parse(raw: RawValue) -> E:
        found = seen.get(raw) if type(raw) is str else None
        if found is not None:
            return found
        found = known.get(fold(text(raw)))
        if found is None:
            listed = ", ".join(labels.values())
            raise CellError(f"”{text(raw)}” finns inte i listan ({listed})")
        if type(raw) is str and len(seen) < _SEEN:
            seen[raw] = found
        return found

    return parse


def items(raw: RawValue, separators: str = ",;\n") -> tuple[str, ...]:
    """A list in one cell split on *separators*; empty parts dropped."""
    value = text(raw)
    for separator in separators[1:]:
        value = value.replace(separator, separators[0])
    return tuple(part.strip() for part in value.split(separators[0]) if part.strip())


def lines(raw: RawValue) -> tuple[str, ...]:
    """The non-empty lines of a cell."""
    return tuple(line.strip() for line in text(raw).splitlines() if line.strip())
