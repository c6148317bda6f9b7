"""What can be exported and imported, without loading the spreadsheet code (the pages need it)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from inkop_desktop.domain.permissions import Act


class ExchangeKind(StrEnum):
    """What can be exported and imported; the values are the command line's words."""

    PLAN = "plan"
    AVTAL = "avtal"
    LEVERANTORER = "leverantorer"
    ORGANISATIONER = "organisationer"
    PERSONER = "personer"
    DELEGATION = "delegation"

    @property
    def label(self) -> str:
        """Swedish name, also the sheet's title."""
        return _LABELS[self]

    def filename(self, fmt: str, today: date | None = None) -> str:
        """A suggested file name, e.g. ``avtal-2026-05-04.xlsx``."""
        return f"{self.value}-{(today or date.today()).isoformat()}.{fmt}"


_LABELS = {
    "plan": "Upphandlingsplan",
    "avtal": "Avtal",
    "leverantorer": "Leverantörer",
    "organisationer": "Organisationer",
    "personer": "Personer",
    "delegation": "Delegation",
}

IMPORT_ACTS = {
    ExchangeKind.PLAN: Act.PLAN_CREATE,
    ExchangeKind.AVTAL: Act.CONTRACT_EDIT,
    ExchangeKind.LEVERANTORER: Act.SUPPLIER_EDIT,
    ExchangeKind.ORGANISATIONER: Act.ADMINISTER,
    ExchangeKind.PERSONER: Act.ADMINISTER,
    ExchangeKind.DELEGATION: Act.ADMINISTER,
}
"""What the importing person must be allowed to do (an import creates and updates records)."""
