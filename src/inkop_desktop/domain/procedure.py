"""Which procedure a value calls for on a date, from the dated thresholds (LOU 5, 19, 19 a kap.)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inkop_desktop.domain.errors import MissingReferenceDataError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey


class Category(StrEnum):
    """What is bought decides which EU threshold applies (LOU 5 kap. 1 §)."""

    VAROR_TJANSTER = "varor_tjanster"
    BYGG = "bygg"
    SOCIALA = "sociala"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "varor_tjanster": "Varor och tjänster",
            "bygg": "Byggentreprenad",
            "sociala": "Sociala och andra särskilda tjänster",
        }[self]


_EU_KEY = {
    Category.VAROR_TJANSTER: RefKey.LOU_EU_GOODS_SERVICES,
    Category.BYGG: RefKey.LOU_EU_WORKS,
    Category.SOCIALA: RefKey.LOU_EU_SOCIAL,
}

LEVEL_TEXT = {
    0: ("Direktupphandling", "LOU 19 a kap. 3 § (värdet understiger direktupphandlingsgränsen)"),
    1: (
        "Förenklat förfarande eller urvalsförfarande",
        "LOU 19 kap. (värdet understiger tröskelvärdet)",
    ),
    2: ("EU-förfarande (öppet eller selektivt)", "LOU 6 kap. (värdet når tröskelvärdet, 5 kap.)"),
}
SUGGESTED = {0: Procedure.DIREKTUPPHANDLING, 1: Procedure.FORENKLAT, 2: Procedure.OPPET}


def category_for_cpv(cpv: str | None) -> Category:
    """CPV division 45 is construction work; everything else is goods or services."""
    return Category.BYGG if cpv and cpv.startswith("45") else Category.VAROR_TJANSTER


@dataclass(frozen=True)
class ProcedureAdvice:
    """The procedure level a value requires on a date, with the values and sources used."""

    level: int
    procedure: Procedure
    text: str
    legal_basis: str
    limit: DatedValue
    threshold: DatedValue | None
    missing: str | None = None

    def explanation(self) -> str:
        """One Swedish paragraph for the editor."""
        parts = [f"{self.text} – {self.legal_basis}."]
        parts.append(f"Direktupphandlingsgräns {self.limit.display()} ({self.limit.source}).")
        if self.threshold is not None:
            parts.append(f"Tröskelvärde {self.threshold.display()} ({self.threshold.source}).")
        if self.missing:
            parts.append(self.missing)
        return " ".join(parts)

    def is_below(self, chosen: Procedure) -> bool:
        """True when *chosen* is a lighter procedure than the value requires (an avsteg)."""
        return 0 <= chosen.level < self.level


def advise(value: Money, on: date, table: ReferenceTable, category: Category) -> ProcedureAdvice:
    """Suggest the procedure for *value* (excl. moms, options included) planned to start *on*."""
    limit = table.as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, on)
    if value < limit.money:
        return _advice(0, limit, None)
    try:
        threshold = table.as_of(_EU_KEY[category], on)
    except MissingReferenceDataError as exc:
        # Without the threshold we cannot tell 19 kap. from 6 kap.: assume the stricter one.
        return _advice(2, limit, None, missing=exc.text + " Tills dess föreslås EU-förfarande.")
    return _advice(1 if value < threshold.money else 2, limit, threshold)


def _advice(
    level: int, limit: DatedValue, threshold: DatedValue | None, missing: str | None = None
) -> ProcedureAdvice:
    """Build the advice for *level*."""
    text, basis = LEVEL_TEXT[level]
    return ProcedureAdvice(level, SUGGESTED[level], text, basis, limit, threshold, missing)
