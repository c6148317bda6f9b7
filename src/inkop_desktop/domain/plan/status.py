"""Upphandlingsplan: status workflow and procedures."""

from __future__ import annotations

import itertools
from enum import StrEnum

from inkop_desktop.domain.errors import DomainError, TransitionError


class PlanStatus(StrEnum):
    """Where a planned procurement stands."""

    BEHOV_ANMALT = "behov_anmalt"
    PLANERAD = "planerad"
    FORBEREDELSE = "forberedelse"
    ANNONSERAD = "annonserad"
    UTVARDERING = "utvardering"
    TILLDELAD = "tilldelad"
    AVTAL_TECKNAT = "avtal_tecknat"
    AVBRUTEN = "avbruten"

    @property
    def label(self) -> str:
        """Swedish label."""
        return PLAN_STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """True until a contract is signed or the procurement is cancelled."""
        return self not in (PlanStatus.AVTAL_TECKNAT, PlanStatus.AVBRUTEN)


PLAN_STATUS_LABELS = {
    PlanStatus.BEHOV_ANMALT: "Behov anmält",
    PlanStatus.PLANERAD: "Planerad",
    PlanStatus.FORBEREDELSE: "Förberedelse",
    PlanStatus.ANNONSERAD: "Annonserad",
    PlanStatus.UTVARDERING: "Utvärdering",
    PlanStatus.TILLDELAD: "Tilldelad",
    PlanStatus.AVTAL_TECKNAT: "Avtal tecknat",
    PlanStatus.AVBRUTEN: "Avbruten",
}

_FORWARD = [
    PlanStatus.BEHOV_ANMALT,
    PlanStatus.PLANERAD,
    PlanStatus.FORBEREDELSE,
    PlanStatus.ANNONSERAD,
    PlanStatus.UTVARDERING,
    PlanStatus.TILLDELAD,
    PlanStatus.AVTAL_TECKNAT,
]

ALLOWED_TRANSITIONS: frozenset[tuple[PlanStatus, PlanStatus]] = frozenset(
    {(a, b) for a, b in itertools.pairwise(_FORWARD)}
    | {(s, PlanStatus.AVBRUTEN) for s in _FORWARD if s.is_open}
)


def transition(current: PlanStatus, target: PlanStatus) -> PlanStatus:
    """Return *target* if the move is allowed, else raise a Swedish TransitionError."""
    if (current, target) not in ALLOWED_TRANSITIONS:
        raise TransitionError(
            f"En planpost kan inte gå från ”{current.label}” till ”{target.label}”."
        )
    return target


def closed_reason(current: PlanStatus) -> str | None:
    """Why an item in *current* may no longer be changed (None while it is open)."""
    if current.is_open:
        return None
    return f"Planposten är avslutad (”{current.label}”) och kan inte längre ändras."


def ensure_editable(current: PlanStatus) -> None:
    """Refuse changes to a closed item (contract signed or procurement cancelled)."""
    reason = closed_reason(current)
    if reason is not None:
        raise DomainError(reason, message_id="plan.closed")


def next_statuses(current: PlanStatus) -> list[PlanStatus]:
    """The statuses reachable in one step."""
    return [b for a, b in sorted(ALLOWED_TRANSITIONS) if a is current]


class Procedure(StrEnum):
    """Procurement procedures."""

    DIREKTUPPHANDLING = "direktupphandling"
    FORENKLAT = "forenklat"
    URVAL = "urval"
    OPPET = "oppet"
    SELEKTIVT = "selektivt"
    FORHANDLAT = "forhandlat"
    KONKURRENSPRAGLAT_DIALOG = "dialog"
    INNOVATIONSPARTNERSKAP = "innovationspartnerskap"
    FUFA = "fufa"
    AVROP = "avrop"

    @property
    def label(self) -> str:
        """Swedish label."""
        return PROCEDURE_LABELS[self]

    @property
    def level(self) -> int:
        """0 direct award, 1 below-threshold procedure, 2 EU procedure, -1 not comparable."""
        return PROCEDURE_LEVELS.get(self, -1)


PROCEDURE_LABELS = {
    Procedure.DIREKTUPPHANDLING: "Direktupphandling",
    Procedure.FORENKLAT: "Förenklat förfarande",
    Procedure.URVAL: "Urvalsförfarande",
    Procedure.OPPET: "Öppet förfarande",
    Procedure.SELEKTIVT: "Selektivt förfarande",
    Procedure.FORHANDLAT: "Förhandlat förfarande med föregående annonsering",
    Procedure.KONKURRENSPRAGLAT_DIALOG: "Konkurrenspräglad dialog",
    Procedure.INNOVATIONSPARTNERSKAP: "Innovationspartnerskap",
    Procedure.FUFA: "Förhandlat förfarande utan föregående annonsering",
    Procedure.AVROP: "Avrop från ramavtal",
}

PROCEDURE_LEVELS = {
    Procedure.DIREKTUPPHANDLING: 0,
    Procedure.FORENKLAT: 1,
    Procedure.URVAL: 1,
    Procedure.OPPET: 2,
    Procedure.SELEKTIVT: 2,
    Procedure.FORHANDLAT: 2,
    Procedure.KONKURRENSPRAGLAT_DIALOG: 2,
    Procedure.INNOVATIONSPARTNERSKAP: 2,
}


class Preparedness(StrEnum):
    """Civil-preparedness criticality of a need."""

    INGEN = "ingen"
    VIKTIG = "viktig"
    KRITISK = "kritisk"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"ingen": "Ej kritisk", "viktig": "Viktig", "kritisk": "Krigsviktig/kritisk"}[self]
