"""Contract portfolio: enums and the validated contract input."""

from __future__ import annotations

from enum import StrEnum


class RiskTier(StrEnum):
    """SKR's prioritisation: 10 % critical, 30 % important, 60 % normal."""

    KRITISK = "kritisk"
    HOG = "hog"
    NORMAL = "normal"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"kritisk": "Kritisk (10 %)", "hog": "Hög (30 %)", "normal": "Normal (60 %)"}[self]

    @property
    def interval_months(self) -> int:
        """Follow-up interval: three times a year, yearly, every second year."""
        return {"kritisk": 4, "hog": 12, "normal": 24}[self]


class OptionDecision(StrEnum):
    """What was decided about an extension option."""

    EJ_BESLUTAD = "ej_beslutad"
    UTNYTTJAD = "utnyttjad"
    AVBOJD = "avbojd"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"ej_beslutad": "Ej beslutad", "utnyttjad": "Utnyttjad", "avbojd": "Avböjd"}[self]
