"""Avtalsuppföljning: checklist categories, outcomes, statuses, sanctions and channels."""

from __future__ import annotations

from enum import StrEnum


class CheckCategory(StrEnum):
    """Areas of a follow-up checklist."""

    SKATTER = "skatter"
    REGISTRERING = "registrering"
    UNDERLEVERANTORER = "underleverantorer"
    ARBETSVILLKOR = "arbetsvillkor"
    HALLBARHET = "hallbarhet"
    LEVERANS = "leverans"
    FAKTURA = "faktura"
    CIVIL_BEREDSKAP = "civil_beredskap"
    VALFARDSBROTT = "valfardsbrott"

    @property
    def label(self) -> str:
        """Swedish label."""
        return CHECK_LABELS[self]


CHECK_LABELS = {
    CheckCategory.SKATTER: "Skatter och avgifter",
    CheckCategory.REGISTRERING: "F-skatt, moms och arbetsgivarregistrering",
    CheckCategory.UNDERLEVERANTORER: "Underleverantörer",
    CheckCategory.ARBETSVILLKOR: "Arbetsrättsliga villkor",
    CheckCategory.HALLBARHET: "Hållbarhet och uppförandekod",
    CheckCategory.LEVERANS: "Leveransprecision",
    CheckCategory.FAKTURA: "Faktura- och priskontroll",
    CheckCategory.CIVIL_BEREDSKAP: "Civil beredskap",
    CheckCategory.VALFARDSBROTT: "Välfärdsbrottslighet",
}


class Outcome(StrEnum):
    """Result of one checklist point."""

    OK = "ok"
    AVVIKELSE = "avvikelse"
    EJ_TILLAMPLIG = "ej_tillamplig"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"ok": "Uppfyllt", "avvikelse": "Avvikelse", "ej_tillamplig": "Ej tillämplig"}[self]


class FollowupStatus(StrEnum):
    """State of one follow-up occasion: planned, started (a draft), completed and signed."""

    PLANERAD = "planerad"
    UTKAST = "utkast"
    SLUTFORD = "slutford"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"planerad": "Planerad", "utkast": "Utkast", "slutford": "Slutförd"}[self]


class ActionStatus(StrEnum):
    """State of an action on a deviation."""

    OPPEN = "oppen"
    KLAR = "klar"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"oppen": "Öppen", "klar": "Klar"}[self]


class Sanction(StrEnum):
    """The contractual sanction taken on a deviation."""

    INGEN = "ingen"
    REKLAMATION = "reklamation"
    VITE = "vite"
    HAVNING = "havning"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "ingen": "Ingen sanktion",
            "reklamation": "Reklamation",
            "vite": "Vite",
            "havning": "Hävning",
        }[self]


class ContactChannel(StrEnum):
    """How the supplier was contacted (contact log)."""

    MOTE = "mote"
    TELEFON = "telefon"
    EPOST = "epost"
    BESOK = "besok"
    BREV = "brev"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "mote": "Möte",
            "telefon": "Telefon",
            "epost": "E-post",
            "besok": "Besök",
            "brev": "Brev",
        }[self]
