"""Jäv och sekretess: kinds of interest and assessment outcomes."""

from __future__ import annotations

from enum import StrEnum


class InterestKind(StrEnum):
    """Kinds of declared relationship."""

    AGANDE = "agande"
    STYRELSEUPPDRAG = "styrelseuppdrag"
    ANSTALLNING = "anstallning"
    BISYSSLA = "bisyssla"
    NARSTAENDE = "narstaende"
    GAVA = "gava"

    @property
    def label(self) -> str:
        """Swedish label."""
        return INTEREST_LABELS[self]


INTEREST_LABELS = {
    InterestKind.AGANDE: "Ägande",
    InterestKind.STYRELSEUPPDRAG: "Styrelseuppdrag",
    InterestKind.ANSTALLNING: "Anställning nu eller inom två år",
    InterestKind.BISYSSLA: "Bisyssla",
    InterestKind.NARSTAENDE: "Närstående",
    InterestKind.GAVA: "Gåva eller förmån",
}


class AssessmentOutcome(StrEnum):
    """The manager's assessment."""

    JAV = "jav"
    INTE_JAV = "inte_jav"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"jav": "Jäv", "inte_jav": "Inte jäv"}[self]


class DeclarationState(StrEnum):
    """Where a participant stands for gating."""

    SAKNAS = "saknas"
    OBEKRAFTAD = "obekraftad"
    EJ_BEDOMD = "ej_bedomd"
    KLAR = "klar"
    JAVIG = "javig"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "saknas": "Deklaration saknas",
            "obekraftad": "Behöver bekräftas mot leverantörerna",
            "ej_bedomd": "Väntar på bedömning",
            "klar": "Klar",
            "javig": "Jävig – utesluten",
        }[self]


def declaration_state(
    *, signed: bool, needs_confirmation: bool, conflicts: int, assessed: int, assessed_jav: bool
) -> DeclarationState:
    """Gating state of one participant from their latest declaration.

    *conflicts* counts declared interests plus grounds answered "ja"; *assessed* counts the
    assessments made of the latest declaration.
    """
    if not signed:
        return DeclarationState.SAKNAS
    if assessed_jav:
        return DeclarationState.JAVIG
    if needs_confirmation:
        return DeclarationState.OBEKRAFTAD
    if conflicts > assessed:
        return DeclarationState.EJ_BEDOMD
    return DeclarationState.KLAR
