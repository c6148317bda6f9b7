"""The rules of performing a follow-up and of tracking an åtgärd until it is closed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome


@dataclass(frozen=True)
class ResultState:
    """What the signing check needs to know about one checklist point."""

    ordinal: int
    text: str
    outcome: Outcome | None
    comment: str
    serious: bool
    actions: int


def check_editable(status: FollowupStatus) -> None:
    """Only a planned or draft follow-up may change; a signed one never does."""
    if status is FollowupStatus.SLUTFORD:
        raise TransitionError(
            "Uppföljningen är slutförd och signerad och kan inte ändras. "
            "Gör en ny uppföljning om något behöver rättas."
        )


def signing_problems(results: Iterable[ResultState]) -> list[str]:
    """Why the follow-up cannot be signed yet (Swedish, one line per point); [] when it can."""
    problems = []
    for r in results:
        label = f"Punkt {r.ordinal} ({_short(r.text)})"
        if r.outcome is None:
            problems.append(f"{label} är inte bedömd.")
        elif r.outcome is Outcome.AVVIKELSE and not r.comment.strip():
            problems.append(f"{label}: beskriv avvikelsen i kommentaren.")
        elif r.outcome is Outcome.AVVIKELSE and r.serious and r.actions == 0:
            problems.append(f"{label} är en allvarlig avvikelse och behöver en åtgärd.")
    return problems


def check_signable(status: FollowupStatus, results: list[ResultState]) -> None:
    """Raise unless the follow-up is a draft whose every point is assessed and handled."""
    check_editable(status)
    if not results:
        raise ValidationError("Uppföljningen har inga kontrollpunkter att bedöma.")
    problems = signing_problems(results)
    if problems:
        raise ValidationError("Uppföljningen kan inte signeras än:\n" + "\n".join(problems))


def check_action_allowed(outcome: Outcome | None) -> None:
    """An åtgärd belongs to a deviation only."""
    if outcome is not Outcome.AVVIKELSE:
        raise ValidationError("En åtgärd kan bara läggas på en punkt som bedömts som avvikelse.")


def check_close(status: ActionStatus, note: str, closed_on: date, created_on: date) -> None:
    """An open åtgärd closes with a note, on a day not before it was created nor in the future."""
    if status is ActionStatus.KLAR:
        raise TransitionError("Åtgärden är redan stängd.")
    if not note.strip():
        raise ValidationError("Skriv en anteckning om hur åtgärden avslutades.", field="note")
    if closed_on < created_on:
        raise ValidationError("Åtgärden kan inte stängas före den skapades.", field="closed_on")
    if closed_on > date.today():
        raise ValidationError("Stängningsdatum kan inte ligga i framtiden.", field="closed_on")


def check_action_editable(status: ActionStatus) -> None:
    """A closed åtgärd is history: it is not changed any more."""
    if status is ActionStatus.KLAR:
        raise TransitionError("Åtgärden är stängd och kan inte ändras.")


def action_overdue(status: ActionStatus, due_on: date, today: date) -> bool:
    """True for an open åtgärd past its due date."""
    return status is ActionStatus.OPPEN and due_on < today


def _short(text: str, limit: int = 60) -> str:
    """The start of a checklist text for a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
