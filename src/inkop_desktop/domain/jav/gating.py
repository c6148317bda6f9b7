"""Gating: who stands in the way of a decision, and why.

A person who is jävig may not take part in the handling (FL 17 §, KL 6 kap. 31 §); every
circumstance must be reported at once and decided by the authority (FL 18 §, KL 6 kap. 32 §).
So an award decision waits while an active participant has no signed declaration, has not
confirmed it against the suppliers once they are known, or has a declared circumstance or a
cross-check match that the responsible manager has not assessed. A participant assessed as
jävig leaves the active roster and no longer blocks.

Taking a participant off the roster never clears a duty that was already due: a declaration is
due from the day the person joins (FL 18 §: at once), so a removed participant whose
declaration or assessment is still missing keeps blocking, named as removed. Only a removal on
the day the person was added (a correction of a mistaken entry) leaves no duty behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from inkop_desktop.domain.errors import TransitionError
from inkop_desktop.domain.jav.crosscheck import Match
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, DeclarationState, JavGround


@dataclass(frozen=True)
class AssessmentFact:
    """One assessment of the current declaration (``interest_id`` None: grounds and others)."""

    interest_id: UUID | None
    outcome: AssessmentOutcome
    assessed_on: date


@dataclass(frozen=True)
class ParticipantFacts:
    """Everything gating needs about one participant and their current declaration."""

    person: str
    role: str
    removed: bool = False
    added_on: date | None = None
    removed_on: date | None = None
    signed: bool = False
    needs_confirmation: bool = False
    grounds_yes: tuple[JavGround, ...] = ()
    interest_ids: tuple[UUID, ...] = ()
    matches: tuple[Match, ...] = ()
    assessments: tuple[AssessmentFact, ...] = ()
    """Oldest first; the latest per item counts."""


@dataclass(frozen=True)
class OpenItem:
    """A circumstance still waiting for the manager's assessment."""

    interest_id: UUID | None
    matched: bool


def items(facts: ParticipantFacts) -> list[UUID | None]:
    """What must be assessed: each interest, and (None) the yes-grounds and unlinked matches."""
    keys: list[UUID | None] = list(facts.interest_ids)
    if facts.grounds_yes or any(m.interest_id is None for m in facts.matches):
        keys.append(None)
    return keys


def latest_assessments(facts: ParticipantFacts) -> dict[UUID | None, AssessmentFact]:
    """The latest assessment of each item."""
    return {a.interest_id: a for a in facts.assessments}


def _valid(assessment: AssessmentFact | None, matches: list[Match]) -> bool:
    """An assessment made before a matching supplier became known does not cover that match."""
    if assessment is None:
        return False
    return all(assessment.assessed_on >= m.known_on for m in matches)


def open_items(facts: ParticipantFacts) -> list[OpenItem]:
    """The items without a valid assessment."""
    latest = latest_assessments(facts)
    result = []
    for key in items(facts):
        matches = [m for m in facts.matches if m.interest_id == key]
        if not _valid(latest.get(key), matches):
            result.append(OpenItem(key, bool(matches)))
    return result


def is_jav(facts: ParticipantFacts) -> bool:
    """True when the latest assessment of any item found jäv."""
    return facts.signed and any(
        a.outcome is AssessmentOutcome.JAV for a in latest_assessments(facts).values()
    )


def participant_state(facts: ParticipantFacts) -> DeclarationState:
    """Where the participant stands."""
    if not facts.signed:
        return DeclarationState.SAKNAS
    if is_jav(facts):
        return DeclarationState.JAVIG
    if facts.needs_confirmation:
        return DeclarationState.OBEKRAFTAD
    if open_items(facts):
        return DeclarationState.EJ_BEDOMD
    return DeclarationState.KLAR


def is_active(facts: ParticipantFacts) -> bool:
    """On the active roster: not removed and not assessed as jävig."""
    return not facts.removed and not is_jav(facts)


def _plural(n: int, one: str, many: str) -> str:
    """``1 omständighet`` / ``2 omständigheter``."""
    return f"{n} {one if n == 1 else many}"


def missing(facts: ParticipantFacts) -> list[str]:
    """What the participant (or the manager) still has to do, in Swedish."""
    if not facts.signed:
        return ["signerad jävsdeklaration saknas"]
    if is_jav(facts):
        return []
    found = []
    if facts.needs_confirmation:
        found.append("deklarationen är inte bekräftad mot leverantörerna som nu är kända")
    pending = open_items(facts)
    if pending:
        text = "chefens jävsbedömning saknas för " + _plural(
            len(pending), "anmäld omständighet", "anmälda omständigheter"
        )
        hits = sum(i.matched for i in pending)
        if hits:
            text += f", varav {hits} med träff mot en leverantör i upphandlingen"
        found.append(text)
    return found


def duty_survives_removal(facts: ParticipantFacts) -> bool:
    """A removed participant whose duty was due: removed on a later day than they were added."""
    if not facts.removed:
        return False
    return facts.removed_on is None or facts.added_on is None or facts.removed_on > facts.added_on


def still_due(facts: ParticipantFacts) -> list[str]:
    """What is missing and still counts: for an active or a removed-but-due participant."""
    if facts.removed and not duty_survives_removal(facts):
        return []
    return missing(facts)


def blocker(facts: ParticipantFacts) -> str | None:
    """One message naming the person and what is missing, or None."""
    what = still_due(facts)
    if not what:
        return None
    who = f"{facts.person} ({facts.role}"
    if facts.removed:
        when = f" {facts.removed_on.isoformat()}" if facts.removed_on else ""
        who += f", borttagen{when} men deklarationen var redan förfallen"
    return who + "): " + "; ".join(what) + "."


def signing_blockers(participants: Iterable[ParticipantFacts]) -> list[str]:
    """Messages for every participant who stands in the way of a decision."""
    return [text for f in participants if (text := blocker(f)) is not None]


def award_refusal(blockers: list[str], what: str) -> TransitionError | None:
    """The error refusing *what* (e.g. "Tilldelning") while *blockers* remain, or None."""
    if not blockers:
        return None
    return TransitionError(
        f"{what} kan inte göras förrän jävsfrågorna är utredda (FL 16–18 §§, KL 6 kap. "
        "28–32 §§):\n" + "\n".join(f"• {b}" for b in blockers),
        message_id="jav.blocked",
    )
