"""Direktupphandling (19 a kap. LOU): legal grounds, statuses and the status workflow."""

from __future__ import annotations

from enum import StrEnum

from inkop_desktop.domain.errors import TransitionError

CITES = {
    "limit": "19 a kap. 3 § LOU",
    "same_kind": "19 a kap. 3 § LOU (direktupphandlingar av samma slag under räkenskapsåret)",
    "documentation": "19 a kap. 11 § LOU",
    "guidelines": "19 a kap. LOU (riktlinjer för direktupphandling)",
    "efterannonsering": "19 a kap. 13 § LOU",
    "secrecy": "OSL 19 kap. 3 § andra stycket",
    "delegation": "KL 6 kap. 37 § och 7 kap. 5 § (delegationsordningen)",
    "jav": "FL 16–18 §§ och KL 6 kap. 28–32 §§",
    "value": "5 kap. 3 § LOU (värdet exkl. moms, optioner och förlängningar inräknade)",
}
"""The paragraph each rule rests on, in one place so a legal review can correct it."""


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

    @property
    def is_signed(self) -> bool:
        """Signed records (and the signed ones later replaced) never change again."""
        return self in SIGNED_STATUSES

    @property
    def is_editable(self) -> bool:
        """Only drafts may be edited; a finished record is reopened first."""
        return self is AwardStatus.UTKAST


SIGNED_STATUSES = frozenset({AwardStatus.SIGNERAD, AwardStatus.ERSATT})
COUNTED_STATUSES = frozenset({AwardStatus.KLAR, AwardStatus.SIGNERAD})
"""Awards that count towards the same-kind total: decided, or finished and awaiting signature."""

ALLOWED_TRANSITIONS: frozenset[tuple[AwardStatus, AwardStatus]] = frozenset(
    {
        (AwardStatus.UTKAST, AwardStatus.KLAR),
        (AwardStatus.KLAR, AwardStatus.UTKAST),
        (AwardStatus.KLAR, AwardStatus.SIGNERAD),
        (AwardStatus.SIGNERAD, AwardStatus.ERSATT),
    }
)


def transition(current: AwardStatus, target: AwardStatus) -> AwardStatus:
    """Return *target* if the move is allowed, else raise a Swedish TransitionError."""
    if (current, target) not in ALLOWED_TRANSITIONS:
        raise TransitionError(
            f"En direktupphandling kan inte gå från ”{current.label}” till ”{target.label}”."
        )
    return target


class SignatureMethod(StrEnum):
    """How the decision was signed."""

    PAPPER = "papper"
    PADES = "pades"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"papper": "Underskrift på papper (skannad)", "pades": "Digital signatur (PAdES)"}[
            self
        ]


class ReceivedHow(StrEnum):
    """How a quote came in."""

    EPOST = "e-post"
    VERKTYG = "upphandlingsverktyg"
    BREV = "brev"
    TELEFON = "telefon"
    WEBB = "webbutik"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "e-post": "E-post",
            "upphandlingsverktyg": "Upphandlingsverktyg",
            "brev": "Brev",
            "telefon": "Telefon (antecknat)",
            "webbutik": "Prisuppgift från webbutik",
        }[self]
