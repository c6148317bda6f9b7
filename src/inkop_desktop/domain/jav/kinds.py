"""Jäv och sekretess: kinds of interest and assessment outcomes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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


class JavGround(StrEnum):
    """The grounds of jäv asked in every declaration (FL 16 §, KL 6 kap. 28 §)."""

    PARTY_AFFECTED = "party_affected"
    REPRESENTATIVE = "representative"
    INSTANCE_OR_SUPERVISION = "instance_or_supervision"
    OTHER_CIRCUMSTANCE = "other_circumstance"

    @property
    def label(self) -> str:
        """Short Swedish name of the ground."""
        return GROUND_TEXTS[self][0]

    @property
    def question(self) -> str:
        """The yes/no question put to the participant."""
        return GROUND_TEXTS[self][1]

    @property
    def source(self) -> str:
        """The provisions the ground comes from."""
        return GROUND_TEXTS[self][2]


GROUND_TEXTS = {
    JavGround.PARTY_AFFECTED: (
        "Part eller närstående berörs (sakägar- och intressejäv)",
        "Är du eller någon närstående part, eller kan du eller någon närstående antas bli "
        "påverkad i en inte oväsentlig utsträckning av hur upphandlingen avgörs?",
        "FL 16 § första stycket 1; KL 6 kap. 28 §",
    ),
    JavGround.REPRESENTATIVE: (
        "Ställföreträdare eller ombud (ställföreträdar- och ombudsjäv)",
        "Är eller har du eller någon närstående varit ställföreträdare eller ombud för någon "
        "som berörs, till exempel en leverantör?",
        "FL 16 § första stycket 2; KL 6 kap. 28 §",
    ),
    JavGround.INSTANCE_OR_SUPERVISION: (
        "Tvåinstans- eller tillsynsjäv",
        "Har du tagit del i den slutliga handläggningen av saken hos en annan myndighet eller "
        "hos ett organ som står under tillsyn av den här verksamheten?",
        "FL 16 § första stycket 3; KL 6 kap. 28 §",
    ),
    JavGround.OTHER_CIRCUMSTANCE: (
        "Annan särskild omständighet (delikatessjäv)",
        "Finns det någon annan särskild omständighet som gör att din opartiskhet kan "
        "ifrågasättas, till exempel vänskap, ovänskap, beroende, gåvor eller förmåner?",
        "FL 16 § första stycket 4; KL 6 kap. 28 §",
    ),
}


def _local(moment: datetime) -> tuple[datetime, bool]:
    """*moment* in Swedish time (stored naive values are UTC); False if no zone data exists."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    try:
        return aware.astimezone(ZoneInfo("Europe/Stockholm")), True
    except ZoneInfoNotFoundError:
        return aware.astimezone(UTC), False


def local_day(moment: datetime) -> date:
    """The Swedish calendar day of a stored timestamp."""
    return _local(moment)[0].date()


def when_text(moment: datetime | None) -> str:
    """A signature time in Swedish local time: ``2026-11-24 kl. 09:15`` ("" for None)."""
    if moment is None:
        return ""
    local, swedish = _local(moment)
    return local.strftime("%Y-%m-%d kl. %H:%M" + ("" if swedish else " UTC"))
