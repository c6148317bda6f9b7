"""Direktupphandling (19 a kap. LOU): legal grounds and statuses."""

from __future__ import annotations

from enum import StrEnum


class LegalGround(StrEnum):
    """The four grounds for a direct award (19 a kap. LOU)."""

    UNDER_GRANS = "under_grans"
    FUFA = "fufa"
    SYNNERLIGA_SKAL = "synnerliga_skal"
    OVERPROVNING = "overprovning"

    @property
    def label(self) -> str:
        """Swedish label with the paragraph."""
        return LEGAL_GROUND_LABELS[self]


LEGAL_GROUND_LABELS = {
    LegalGround.UNDER_GRANS: "Värdet understiger direktupphandlingsgränsen (19 a kap. 3 §)",
    LegalGround.FUFA: "Förutsättningar för förhandlat förfarande utan annonsering (19 a kap. LOU)",
    LegalGround.SYNNERLIGA_SKAL: "Synnerliga skäl (19 a kap. LOU)",
    LegalGround.OVERPROVNING: "Brådska på grund av överprövning (19 a kap. LOU)",
}


class AwardStatus(StrEnum):
    """Life of a direct-award record."""

    UTKAST = "utkast"
    KLAR = "klar"
    SIGNERAD = "signerad"
    ERSATT = "ersatt"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "utkast": "Utkast",
            "klar": "Klar för beslut",
            "signerad": "Beslutad och signerad",
            "ersatt": "Ersatt av ny version",
        }[self]
