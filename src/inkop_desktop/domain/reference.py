"""Dated reference data: thresholds, limits, lead times, guideline tiers, queried as of a date."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from inkop_desktop.domain.errors import MissingReferenceDataError
from inkop_desktop.domain.input_types import Day, Text, WholeKronor
from inkop_desktop.domain.money import Money


class RefKey(StrEnum):
    """Keys of the dated values the rules use."""

    LOU_DIRECT_AWARD_LIMIT = "lou.direktupphandlingsgrans"
    LOU_DOCUMENTATION_DUTY = "lou.dokumentationsplikt"
    LOU_EU_GOODS_SERVICES = "lou.troskel.varor_tjanster"
    LOU_EU_WORKS = "lou.troskel.byggentreprenad"
    LOU_EU_SOCIAL = "lou.troskel.sociala_tjanster"
    LUF_DIRECT_AWARD_LIMIT = "luf.direktupphandlingsgrans"
    LUF_EU_GOODS_SERVICES = "luf.troskel.varor_tjanster"
    LEAD_EU = "ledtid.eu_forfarande"
    LEAD_BELOW = "ledtid.under_troskel"
    LEAD_DIRECT = "ledtid.direktupphandling"
    GUIDE_MIN_SUPPLIERS = "riktlinje.direktupphandling.minsta_antal_leverantorer"
    FOLLOWUP_INTERVAL_CRITICAL = "uppfoljning.intervall.kritisk"
    FOLLOWUP_INTERVAL_HIGH = "uppfoljning.intervall.hog"
    FOLLOWUP_INTERVAL_NORMAL = "uppfoljning.intervall.normal"

    @property
    def label(self) -> str:
        """Swedish name of the value."""
        return REF_LABELS[self]


REF_LABELS = {
    RefKey.LOU_DIRECT_AWARD_LIMIT: "Direktupphandlingsgräns (LOU)",
    RefKey.LOU_DOCUMENTATION_DUTY: "Dokumentationsplikt från (LOU)",
    RefKey.LOU_EU_GOODS_SERVICES: "Tröskelvärde varor och tjänster (LOU)",
    RefKey.LOU_EU_WORKS: "Tröskelvärde byggentreprenader (LOU)",
    RefKey.LOU_EU_SOCIAL: "Tröskelvärde sociala och andra särskilda tjänster (LOU)",
    RefKey.LUF_DIRECT_AWARD_LIMIT: "Direktupphandlingsgräns (LUF)",
    RefKey.LUF_EU_GOODS_SERVICES: "Tröskelvärde varor och tjänster (LUF)",
    RefKey.LEAD_EU: "Ledtid för ny upphandling, EU-förfarande",
    RefKey.LEAD_BELOW: "Ledtid för ny upphandling under tröskelvärdet",
    RefKey.LEAD_DIRECT: "Ledtid för direktupphandling",
    RefKey.GUIDE_MIN_SUPPLIERS: "Riktlinje: minsta antal tillfrågade leverantörer",
    RefKey.FOLLOWUP_INTERVAL_CRITICAL: "Uppföljningsintervall, kritiska avtal (10 %)",
    RefKey.FOLLOWUP_INTERVAL_HIGH: "Uppföljningsintervall, viktiga avtal (30 %)",
    RefKey.FOLLOWUP_INTERVAL_NORMAL: "Uppföljningsintervall, övriga avtal (60 %)",
}


class Unit(StrEnum):
    """Unit of a dated value."""

    KRONOR = "kr"
    MONTHS = "manader"
    COUNT = "antal"


class Comparison(StrEnum):
    """How an amount is compared with a dated limit, in the words of the rule itself."""

    OVER = "över"
    MINST = "minst"

    def holds(self, value: Money, limit: Money) -> bool:
        """True when *value* is over (>) or at least (≥) *limit*."""
        return value > limit if self is Comparison.OVER else value >= limit

    @property
    def symbol(self) -> str:
        """``>`` or ``≥``."""
        return ">" if self is Comparison.OVER else "≥"

    @property
    def below_symbol(self) -> str:
        """The symbol when the comparison does not hold: ``≤`` or ``<``."""
        return "≤" if self is Comparison.OVER else "<"


class DatedValue(BaseModel):
    """One value valid from a date (to a date, inclusive), with its legal source."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    key: RefKey = Field(title="Uppgift")
    unit: Unit = Field(title="Enhet")
    amount: WholeKronor = Field(title="Värde")
    valid_from: Day = Field(title="Gäller från")
    valid_to: Day | None = Field(default=None, title="Gäller till och med")
    source: Text = Field(min_length=1, max_length=2000, title="Källa")
    scope: Text | None = Field(default=None, max_length=200, title="Gäller för")
    from_amount_kr: WholeKronor | None = Field(default=None, ge=0, title="Från belopp")
    note: Text | None = Field(default=None, max_length=5000, title="Anteckning")
    comparison: Comparison = Field(default=Comparison.MINST, title="Jämförelse")

    @model_validator(mode="after")
    def _check(self) -> DatedValue:
        """Refuse an inverted period or a negative value."""
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("Slutdatum får inte vara före startdatum.")
        if self.amount < 0:
            raise ValueError("Värdet får inte vara negativt.")
        return self

    def covers(self, day: date) -> bool:
        """True when *day* lies within the validity period."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def reached_by(self, value: Money) -> bool:
        """True when *value* reaches this limit as the rule words it ("över" or "minst")."""
        return self.comparison.holds(value, self.money)

    @property
    def money(self) -> Money:
        """The value as Money (only for kronor values)."""
        return Money.kronor(self.amount)

    def display(self) -> str:
        """The value with its unit in Swedish."""
        if self.unit is Unit.KRONOR:
            return self.money.format()
        return f"{self.amount} {'månader' if self.unit is Unit.MONTHS else 'st'}"


class ReferenceTable:
    """All dated values, answering "what applied on date D?"."""

    def __init__(self, values: Iterable[DatedValue]) -> None:
        self._values = sorted(values, key=lambda v: (v.key, v.valid_from))
        self._found: dict[tuple[RefKey, date, str | None], DatedValue | None] = {}

    @property
    def values(self) -> list[DatedValue]:
        """Every value, sorted by key and start date."""
        return list(self._values)

    def find(self, key: RefKey, day: date, scope: str | None = None) -> DatedValue | None:
        """The value of *key* valid on *day* (scoped value first, then the general one)."""
        wanted = (key, day, scope)
        if wanted not in self._found:  # an import asks for the same few days again and again
            self._found[wanted] = self._search(key, day, scope)
        return self._found[wanted]

    def _search(self, key: RefKey, day: date, scope: str | None) -> DatedValue | None:
        """:meth:`find` without the memo: every value looked at."""
        for wanted in (scope, None) if scope else (None,):
            hits = [v for v in self._values if v.key == key and v.scope == wanted and v.covers(day)]
            if hits:
                return max(hits, key=lambda v: (v.from_amount_kr or 0, v.valid_from))
        return None

    def as_of(self, key: RefKey, day: date, scope: str | None = None) -> DatedValue:
        """Like :meth:`find` but raise a Swedish error when nothing is recorded."""
        found = self.find(key, day, scope)
        if found is None:
            raise MissingReferenceDataError(
                f"{key.label} för {day.year} saknas ({day.isoformat()}) — "
                "en administratör behöver lägga in det."
            )
        return found

    def missing(self, day: date, scopes: Iterable[str] = ()) -> list[RefKey]:
        """Every key with no value in force on *day* (for any of *scopes*, or in general)."""
        wanted: list[str | None] = [*scopes] or [None]
        return [key for key in RefKey if any(self.find(key, day, s) is None for s in wanted)]

    def tiers(self, key: RefKey, day: date, scope: str | None = None) -> list[DatedValue]:
        """All amount tiers of *key* on *day*, lowest first (scoped tiers win)."""
        for wanted in (scope, None) if scope else (None,):
            hits = [v for v in self._values if v.key == key and v.scope == wanted and v.covers(day)]
            if hits:
                return sorted(hits, key=lambda v: v.from_amount_kr or 0)
        return []


def load_reference_file(path: Path) -> list[DatedValue]:
    """Read dated values from a shipped JSON file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [DatedValue.model_validate(item, strict=False) for item in raw["values"]]
