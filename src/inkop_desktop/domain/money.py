"""Money as integer öre, formatted the Swedish way (``1 234 567 kr``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from inkop_desktop.domain.errors import ValidationError

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
    """Pydantic hook: Money as is, or kronor from a string/Decimal."""
    if isinstance(value, Money):
        return value
    if isinstance(value, str | Decimal):
        return Money.kronor(value)
    raise ValueError("Beloppet måste anges i kronor, t.ex. 125 000.")


def _to_ore(value: int | str | Decimal) -> int:
    """Convert kronor to öre, refusing floats and garbage with a Swedish message."""
    if isinstance(value, (bool, float)):
        raise ValidationError("Belopp får inte anges som flyttal.")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, str):
        cleaned = value.replace(NBSP, "").replace(" ", "").replace("kr", "").replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:
            raise ValidationError(f"”{value}” är inte ett belopp.") from exc
    if not value.is_finite():
        raise ValidationError("Beloppet måste vara ett ändligt tal.")
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_kronor(ore: int | None) -> str:
    """Format öre for a table cell; empty for None."""
    return "" if ore is None else Money(ore).format()
