"""Money as integer öre, formatted the Swedish way (``1 234 567 kr``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import MAX_KRONOR, amount_problem, printable

NBSP = "\u00a0"


def _group(digits: str) -> str:
    """Insert non-breaking spaces between groups of three digits."""
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return NBSP.join(parts)


class Money:
    """An amount in SEK held as whole öre; never a float."""

    __slots__ = ("_ore",)

    def __init__(self, ore: int) -> None:
        if isinstance(ore, bool) or not isinstance(ore, int):
            raise TypeError("Money takes integer öre")
        self._ore = ore

    @classmethod
    def kronor(cls, value: int | str | Decimal) -> Money:
        """Build from kronor given as int, Decimal or a Swedish-formatted string."""
        return cls(_to_ore(value))

    @classmethod
    def zero(cls) -> Money:
        """Zero kronor."""
        return cls(0)

    @property
    def ore(self) -> int:
        """The amount in öre."""
        return self._ore

    @property
    def as_decimal(self) -> Decimal:
        """The amount in kronor as an exact Decimal."""
        return Decimal(self._ore) / 100

    def is_negative(self) -> bool:
        """True for amounts below zero."""
        return self._ore < 0

    def format(self, *, decimals: bool = False) -> str:
        """``1 234 567 kr`` (or ``1 234 567,50 kr`` with decimals)."""
        sign = "-" if self._ore < 0 else ""
        kr, ore = divmod(abs(self._ore), 100)
        text = _group(str(kr))
        if decimals or ore:
            text += f",{ore:02d}"
        return f"{sign}{text} kr"

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Money({self._ore})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Money) and other._ore == self._ore

    def __hash__(self) -> int:
        return hash(self._ore)

    def __lt__(self, other: Money) -> bool:
        return self._ore < other._ore

    def __le__(self, other: Money) -> bool:
        return self._ore <= other._ore

    def __gt__(self, other: Money) -> bool:
        return self._ore > other._ore

    def __ge__(self, other: Money) -> bool:
        return self._ore >= other._ore

    def __add__(self, other: Money) -> Money:
        return Money(self._ore + other._ore)

    def __sub__(self, other: Money) -> Money:
        return Money(self._ore - other._ore)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Accept Money, int öre is not accepted implicitly: use Money or a kronor string."""
        return core_schema.no_info_plain_validator_function(
            _validate_money,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda m: m.ore),
        )


def _validate_money(value: Any) -> Money:
    """Pydantic hook: Money within the sane range, or kronor from a string/Decimal."""
    if isinstance(value, Money):
        problem = amount_problem(value.ore)
        if problem is not None:
            raise ValueError(problem)
        return value
    if isinstance(value, str | Decimal):
        try:
            return Money.kronor(value)
        except ValidationError as exc:
            raise ValueError(exc.text) from None
    raise ValueError("Beloppet måste anges i kronor, t.ex. 125 000.")


_MAX_TEXT = 40
"""Longer text is no amount a person typed (and would be slow to parse)."""


def _to_ore(value: int | str | Decimal) -> int:
    """Convert kronor to öre, refusing floats, garbage and absurd sizes with a Swedish message."""
    if isinstance(value, (bool, float)):
        raise ValidationError("Belopp får inte anges som flyttal.")
    if isinstance(value, int):
        return _bounded(Decimal(value if abs(value) <= MAX_KRONOR else MAX_KRONOR + 1))
    if isinstance(value, str):
        value = _decimal(value)
    if not isinstance(value, Decimal):
        raise ValidationError("Beloppet måste anges i kronor, t.ex. 125 000.")
    return _bounded(value)


def _decimal(text: str) -> Decimal:
    """The Decimal in a Swedish-formatted amount (``1 234,50 kr``)."""
    cleaned = text.replace(NBSP, "").replace(" ", "").replace("kr", "").replace(",", ".")
    try:
        if len(cleaned) > _MAX_TEXT or not cleaned.isascii():
            raise InvalidOperation
        return Decimal(cleaned)
    except InvalidOperation:
        shown = printable(text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…")
        raise ValidationError(f"”{shown}” är inte ett belopp.") from None


def _bounded(value: Decimal) -> int:
    """Whole öre of a finite amount within ±MAX_KRONOR (checked before any rounding)."""
    if not value.is_finite():
        raise ValidationError("Beloppet måste vara ett ändligt tal.")
    if value.copy_abs() > MAX_KRONOR:
        raise ValidationError(amount_problem(MAX_KRONOR * 100 + 1) or "")
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_kronor(ore: int | None) -> str:
    """Format öre for a table cell; empty for None."""
    return "" if ore is None else Money(ore).format()
